package nl.buurtbegroting.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The ballot formats, with the names Pabulib's {@code vote_type} uses. */
public enum VoteType {
    /** Choose any number of projects (optionally between a minimum and a maximum). */
    APPROVAL("approval"),
    /** Choose exactly one project. */
    CHOOSE_ONE("choose-1"),
    /** Distribute points over projects. */
    CUMULATIVE("cumulative"),
    /** Rank projects; read from files only, no rule here counts rankings. */
    ORDINAL("ordinal");

    private final String pabulibName;

    VoteType(String pabulibName) {
        this.pabulibName = pabulibName;
    }

    public String pabulibName() {
        return pabulibName;
    }

    public static Optional<VoteType> fromPabulib(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.pabulibName.equals(n)).findFirst();
    }
}
