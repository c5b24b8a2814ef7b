package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * That the leaf at {@code leafIndex} is in a tree of {@code treeSize} leaves: the audit path of
 * RFC 9162 §2.1.3 (sibling hashes from the leaf up). Verification (§2.1.3.2) needs nothing but the
 * leaf hash and the root.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Digest> path) {

    public InclusionProof {
        path = List.copyOf(path);
        if (treeSize < 0 || leafIndex < 0) {
            throw new IllegalArgumentException("leaf index and tree size must not be negative");
        }
    }

    /**
     * The root this proof leads to from the given leaf hash, following RFC 9162 §2.1.3.2 step by step;
     * empty when the proof cannot be valid for this index and size (wrong length, index out of range).
     */
    public Optional<Digest> rootFrom(Digest leafHash) {
        if (leafIndex >= treeSize) {
            return Optional.empty();
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Digest r = leafHash;
        for (Digest p : path) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /** Whether this proof shows {@code leafHash} in the tree with root {@code root}. */
    public boolean verifies(Digest leafHash, Digest root) {
        return rootFrom(leafHash).map(root::equals).orElse(false);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leafIndex", leafIndex);
        m.put("treeSize", treeSize);
        List<String> hex = new ArrayList<>();
        for (Digest d : path) {
            hex.add(d.hex());
        }
        m.put("path", hex);
        return m;
    }

    static InclusionProof fromJson(Fields f) {
        long index = f.nonNegative("leafIndex");
        long size = f.nonNegative("treeSize");
        List<Digest> path = new ArrayList<>();
        List<String> hex = f.strings("path");
        for (int i = 0; i < hex.size(); i++) {
            path.add(Hashes.digest(f, "path[" + i + "]", hex.get(i)));
        }
        f.done();
        return new InclusionProof(index, size, path);
    }
}
