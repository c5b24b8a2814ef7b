package nl.buurtbegroting.core.model;

import java.util.Objects;

/**
 * Whether a proposal is admitted to the vote and, when it is not, the public reason
 * (for example "not on municipal land"). A project that is not admitted is never funded.
 */
public record Eligibility(boolean admitted, String reason) {

    public static final Eligibility ADMITTED = new Eligibility(true, "");

    public Eligibility {
        reason = reason == null ? "" : reason.strip();
        if (!admitted && reason.isEmpty()) {
            throw new IllegalArgumentException("a proposal that is not admitted needs a public reason");
        }
    }

    public static Eligibility notAdmitted(String reason) {
        return new Eligibility(false, Objects.requireNonNull(reason, "reason"));
    }
}
