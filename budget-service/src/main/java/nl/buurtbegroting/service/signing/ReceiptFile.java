package nl.buurtbegroting.service.signing;

import nl.buurtbegroting.core.audit.CanonicalJson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * A signed receipt file (docs/verification.md §3) kept as the canonical JSON bytes it was written as, without the
 * file's final newline. Answers embed these bytes as they are: a ballot's receipt is signed and written once;
 * reading it back into a map on every ballot only for the generic JSON writer to spell it out again was work for
 * nothing (2% of the service's CPU samples under the ballot benchmark for the reading alone).
 *
 * <p>The bytes are trusted to be the canonical JSON of one object: they come from {@link ReceiptSigner}, or back
 * from a seal that authenticated them ({@code voting.ReceiptSeal}). Nothing else makes one.
 */
public final class ReceiptFile {

    private final byte[] canonical;

    ReceiptFile(byte[] canonical) {
        this.canonical = canonical;
    }

    /** A receipt file this service wrote itself, in canonical form, without the final newline. */
    public static ReceiptFile written(byte[] canonical) {
        return new ReceiptFile(canonical.clone());
    }

    /** Writes the canonical bytes (the receipt's JSON value) to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(canonical);
    }

    /** The file a resident downloads: the canonical bytes with the bundle files' one final newline. */
    public byte[] file() {
        byte[] file = Arrays.copyOf(canonical, canonical.length + 1);
        file[canonical.length] = '\n';
        return file;
    }

    /**
     * The receipt's members as JSON values, in file order (objects as maps, integers as longs), for the rare
     * answer that embeds a receipt deeper than the ballot API does.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> members() {
        return (Map<String, Object>) CanonicalJson.readLenient("receipt", canonical);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptFile other && Arrays.equals(canonical, other.canonical);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        return "ReceiptFile[" + canonical.length + " bytes]";
    }
}
