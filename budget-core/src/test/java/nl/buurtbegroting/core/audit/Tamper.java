package nl.buurtbegroting.core.audit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** What a forger can do to a bundle: edit a JSON file, then (optionally) redo the checksums and the signature. */
final class Tamper {

    private Tamper() {
    }

    /** The bundle with one JSON file parsed, changed in place and written back canonically. */
    @SuppressWarnings("unchecked")
    static AuditBundle editJson(AuditBundle bundle, String file, Consumer<Map<String, Object>> change) {
        Map<String, Object> json = (Map<String, Object>) CanonicalJson.readFile(file, bundle.file(file));
        change.accept(json);
        return bundle.with(file, CanonicalJson.writeFile(json));
    }

    /** The checksums recomputed over the (changed) files: what anyone can do without the key. */
    static AuditBundle resum(AuditBundle bundle) {
        Map<String, byte[]> files = new TreeMap<>(bundle.files());
        files.remove(AuditBundle.CHECKSUMS);
        files.remove(AuditBundle.SIGNATURE);
        return bundle.with(AuditBundle.CHECKSUMS, BundleBuilder.checksums(files));
    }

    /** Checksums recomputed and signed again with the given key, under the bundle's own key id. */
    static AuditBundle resign(AuditBundle bundle, SigningKey key) {
        AuditBundle summed = resum(bundle);
        byte[] sums = summed.file(AuditBundle.CHECKSUMS);
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("algorithm", "Ed25519");
        sig.put("keyId", key.keyId());
        sig.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()));
        sig.put("signedFile", AuditBundle.CHECKSUMS);
        sig.put("signature", Base64.getEncoder().encodeToString(key.sign(sums)));
        return summed.with(AuditBundle.SIGNATURE, CanonicalJson.writeFile(sig));
    }
}
