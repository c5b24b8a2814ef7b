package nl.buurtbegroting.core.audit;

import java.util.Base64;

/** Parsing of the hex and base64 fields of bundle files, with the file and path in every error. */
final class Hashes {

    private Hashes() {
    }

    static Digest digest(Fields f, String member, String hex) {
        try {
            return Digest.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw f.error(member, e.getMessage());
        }
    }

    /** Standard base64 with padding, and only its canonical spelling (re-encoding gives the same text). */
    static byte[] base64(Fields f, String member, int expectedLength) {
        String text = f.string(member);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw f.error(member, "not valid base64");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw f.error(member, "base64 not in its canonical form");
        }
        if (expectedLength >= 0 && bytes.length != expectedLength) {
            throw f.error(member, "expected " + expectedLength + " bytes, found " + bytes.length);
        }
        return bytes;
    }
}
