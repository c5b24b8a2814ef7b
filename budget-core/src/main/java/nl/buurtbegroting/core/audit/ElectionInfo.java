package nl.buurtbegroting.core.audit;

import java.util.Objects;

/**
 * What identifies an election to the public, beyond its instance: the service's id, its name, the
 * neighbourhood, the currency of the amounts and, once ratified, the council decision's reference.
 *
 * @param councilDecision reference of the ratifying council decision, or null before ratification
 */
public record ElectionInfo(String electionId, String name, String neighbourhood, String currency,
                           String councilDecision) {
    public ElectionInfo {
        Objects.requireNonNull(electionId, "electionId");
        if (electionId.isBlank()) {
            throw new IllegalArgumentException("election id is blank");
        }
        name = name == null ? "" : name;
        neighbourhood = neighbourhood == null ? "" : neighbourhood;
        currency = currency == null ? "" : currency;
    }
}
