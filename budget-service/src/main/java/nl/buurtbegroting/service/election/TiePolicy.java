package nl.buurtbegroting.service.election;

/** How a tie between equally supported proposals is decided; recorded with the outcome. */
public enum TiePolicy {
    /** The proposal whose code comes first in plain string order wins (the default, as Pabulib's reference outcomes). */
    ID,
    /** The first in an order the organisers fixed beforehand ({@code tieBreaking.order}, proposal codes). */
    GIVEN,
    /** A seeded pseudo-random order ({@code tieBreaking.seed}), so anyone can reproduce it. */
    RANDOM
}
