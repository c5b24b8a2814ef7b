package nl.buurtbegroting.core.model;

import java.util.Objects;

/** An instance together with the ballots cast in it: everything a rule needs. */
public record Election(Instance instance, Profile profile) {

    public Election {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(profile, "profile");
    }
}
