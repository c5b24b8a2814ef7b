package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import nl.buurtbegroting.service.security.Roles;

import java.util.Collection;
import java.util.Set;

/** Who is making a request: a staff member with roles, or (as {@code null}) an anonymous resident. */
public record Caller(String username, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static @Nullable Caller of(@Nullable Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        Collection<String> roles = authentication.getRoles();
        return new Caller(authentication.getName(), Set.copyOf(roles));
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isAuditor() {
        return roles.contains(Roles.AUDITOR);
    }

    public boolean isOrganiser() {
        return roles.contains(Roles.ORGANISER);
    }
}
