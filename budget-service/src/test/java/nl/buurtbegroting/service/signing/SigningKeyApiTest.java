package nl.buurtbegroting.service.signing;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.audit.Ed25519Keys;
import nl.buurtbegroting.core.audit.SigningKey;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.signing.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rotation: the current key signs, a retired key stays published with its fingerprint. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeyApiTest implements TestPropertyProvider {

    static final String CURRENT = "target/signing-key-api-test/current.ed25519";
    static final String RETIRED = "target/signing-key-api-test/retired.ed25519";

    /** A retired key exists before the service starts; the current one is created by the service. */
    @Override
    public Map<String, String> getProperties() {
        try {
            Files.deleteIfExists(Path.of(CURRENT));
            Files.deleteIfExists(Path.of(RETIRED));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SigningKeys.create(Path.of(RETIRED));
        return Map.of("bb.signing.key-file", CURRENT, "bb.signing.retired-key-files", RETIRED);
    }

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    SigningKeys keys;

    @Test
    void publishesTheCurrentAndTheRetiredPublicKeysWithTheirFingerprints() {
        SigningKey current = SigningKeys.load(Path.of(CURRENT), null);
        SigningKey retired = SigningKeys.load(Path.of(RETIRED), null);
        Api.Res res = new Api(client, json).get("/api/signing-keys", null).ok(200);
        List<Map<String, Object>> list = res.list();
        assertEquals(2, list.size());
        for (Map<String, Object> k : list) {
            byte[] raw = Base64.getDecoder().decode((String) k.get("publicKey"));
            assertEquals(Ed25519Keys.fingerprint(raw), k.get("fingerprint"));
            assertEquals("Ed25519", k.get("algorithm"));
            assertEquals(k.get("keyId").equals(current.keyId()), k.get("current"));
        }
        assertEquals(Map.of(current.keyId(), current.fingerprint(), retired.keyId(), retired.fingerprint()),
                Map.of(list.get(0).get("keyId"), list.get(0).get("fingerprint"), list.get(1).get("keyId"), list.get(1).get("fingerprint")));
        assertEquals(current.keyId(), keys.current().keyId());
        assertEquals(retired.fingerprint(), keys.byId(retired.keyId()).orElseThrow().fingerprint());
        assertFalse(res.body().contains("seed"));
    }
}
