package nl.buurtbegroting.service.ballot;

import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published form ({@link CanonicalBallot} of budget-core's audit bundle) of a ballot as the voting
 * package stores it: its content text ({@code {"projects":[...]}} or {@code {"points":{...}}}) and its
 * 16 random nonce bytes, which are the bundle's 128-bit nonce as 32 hex digits. The leaf hash of this
 * ballot is the {@code ballotHash} of the voter's receipt, so a receipt issued at voting time is found
 * in the Merkle tree of the published bundle.
 */
public final class StoredBallots {

    private StoredBallots() {
    }

    /** The published ballot of a stored one. */
    public static CanonicalBallot canonical(String content, byte[] nonce) {
        if (nonce.length != CanonicalBallot.NONCE_HEX_LENGTH / 2) {
            throw new IllegalArgumentException("a stored ballot nonce has 16 bytes, not " + nonce.length);
        }
        String nonceHex = HexFormat.of().formatHex(nonce);
        Object parsed = CanonicalJson.readLenient("stored ballot", content.getBytes(StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> map) || map.size() != 1) {
            throw new IllegalArgumentException("a stored ballot is an object with projects or points");
        }
        if (map.get("points") instanceof Map<?, ?> points) {
            TreeMap<String, Long> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : points.entrySet()) {
                sorted.put((String) e.getKey(), ((Number) e.getValue()).longValue());
            }
            return new CanonicalBallot(nonceHex, new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
        }
        if (map.get("projects") instanceof List<?> projects) {
            List<String> ids = new ArrayList<>();
            for (Object p : projects) {
                ids.add((String) p);
            }
            return new CanonicalBallot(nonceHex, ids.stream().distinct().sorted().toList(), null);
        }
        throw new IllegalArgumentException("a stored ballot is an object with projects or points");
    }
}
