package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC-SHA256 key that signs login tokens: {@code bb.security.jwt-secret} (env {@code BB_JWT_SECRET})
 * when set, else 32 random bytes drawn at startup. A random key means tokens die with the process, which
 * is right for one instance; several instances sharing one PostgreSQL must share the configured secret.
 * The key itself is never logged.
 *
 * <p>The bean is declared as the interface on purpose: declared as {@code SecretSignature} it would
 * inherit that class's {@code @EachBean} and silently never exist, leaving tokens unsigned.
 */
@Factory
class JwtSecretFactory {

    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFactory.class);
    private static final int MIN_SECRET_LENGTH = 32;

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration generatorSignature(@Property(name = "bb.security.jwt-secret") @Nullable String configured) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("bb.security.jwt-secret (BB_JWT_SECRET) must be at least "
                        + MIN_SECRET_LENGTH + " characters long");
            }
            configuration.setSecret(configured);
        } else {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            configuration.setSecret(Base64.getEncoder().encodeToString(key));
            LOG.info("No BB_JWT_SECRET configured: signing tokens with a random key; tokens end with this process.");
        }
        return new SecretSignature(configuration);
    }
}
