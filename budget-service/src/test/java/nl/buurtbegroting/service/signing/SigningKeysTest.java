package nl.buurtbegroting.service.signing;

import nl.buurtbegroting.core.audit.Ed25519Keys;
import nl.buurtbegroting.core.audit.SigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void signsTheRfc8032TestVectorOne() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        BouncyCastleSigner signer = new BouncyCastleSigner(new Ed25519PrivateKeyParameters(seed, 0));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HEX.formatHex(signer.publicKey()));
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(signer.sign(new byte[0])));
    }

    @Test
    void createsAKeyFileReadableByTheOwnerOnlyAndReadsTheSameKeyBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/signing-key.ed25519");
        SigningKeys.create(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SigningKey first = SigningKeys.load(file, null);
        SigningKey again = SigningKeys.load(file, null);
        assertEquals("bb-" + first.fingerprint().substring(0, 16), first.keyId());
        assertEquals(first.keyId(), again.keyId());
        assertArrayEquals(first.publicKey(), again.publicKey());
        byte[] message = "SHA256SUMS".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Ed25519Keys.verify(first.publicKey(), message, first.sign(message)), "the JDK verifies Bouncy Castle's signature");
        SigningKeys.create(file);
        assertEquals(first.keyId(), SigningKeys.load(file, null).keyId(), "an existing key file is never overwritten");
    }

    @Test
    void aNewKeyFileIsANewKeyIdAndAConfiguredIdIsUsedAsGiven(@TempDir Path dir) {
        SigningKeys.create(dir.resolve("old"));
        SigningKeys.create(dir.resolve("new"));
        SigningKey old = SigningKeys.load(dir.resolve("old"), null);
        SigningKey rotated = SigningKeys.load(dir.resolve("new"), null);
        assertNotEquals(old.keyId(), rotated.keyId());
        assertNotEquals(old.fingerprint(), rotated.fingerprint());
        assertEquals("gemeente-assen-2026", SigningKeys.load(dir.resolve("new"), "gemeente-assen-2026").keyId());
        assertThrows(IllegalStateException.class, () -> SigningKeys.load(dir.resolve("new"), "not a valid id"));
    }

    @Test
    void aBrokenKeyFileIsRefusedWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path shortKey = dir.resolve("short");
        String secret = Base64.getEncoder().encodeToString(new byte[16]);
        Files.writeString(shortKey, secret + "\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningKeys.load(shortKey, null));
        assertFalse(e.getMessage().contains(secret));
        Path garbage = dir.resolve("garbage");
        Files.writeString(garbage, "this is not base64 at all!\n");
        IllegalStateException g = assertThrows(IllegalStateException.class, () -> SigningKeys.load(garbage, null));
        assertFalse(g.getMessage().contains("this is not"));
        assertEquals(null, g.getCause());
    }
}
