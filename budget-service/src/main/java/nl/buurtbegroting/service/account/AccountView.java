package nl.buurtbegroting.service.account;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import nl.buurtbegroting.service.security.Role;

/** An account as the API shows it: never the password or its hash. */
@Serdeable
public record AccountView(Long id, String username, Role role, List<Long> elections, Instant createdAt) {
}
