package nl.buurtbegroting.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A staff account. The password is stored only as a salted PBKDF2 hash (see {@link PasswordHasher}). */
@MappedEntity("account")
public record Account(@Id @GeneratedValue @Nullable Long id,
                      String username,
                      String passwordHash,
                      Role role,
                      Instant createdAt) {

    @Override
    public String toString() {
        // Keeps the hash out of any log line or exception message that prints an account.
        return "Account[" + username + ", " + role + "]";
    }
}
