package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * A complete election configuration, as sent to {@code POST /api/elections}. Amounts ({@code budget},
 * category caps, proposal costs) are whole units of {@code currency} (euros for EUR), like Pabulib files.
 *
 * @param name          what residents see, e.g. "Buurtbudget Assen 2026"
 * @param neighbourhood the neighbourhood, district or city it is for
 * @param budget        the money to allocate; must be above 0 before the election opens
 * @param currency      ISO 4217 code, EUR when absent
 * @param categories    proposal categories, each with an optional cap
 * @param ballot        the ballot format and its limits; approval without limits when absent
 * @param rule          the allocation rule: greedy, greedy-per-cost, knapsack, mes, mes-add1 or phragmen
 * @param tieBreaking   how ties are decided; ID order when absent
 * @param eligibility   who may vote; everyone when absent
 * @param votingOpens   when voting starts (informative; opening is an explicit act)
 * @param votingCloses  when voting ends: online ballots are refused before votingOpens and from votingCloses on
 * @param incompatibleGroups groups of proposal codes of which at most one is funded ("A or B, not both")
 */
@Serdeable
public record ElectionRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String neighbourhood,
        @NotNull @PositiveOrZero @Max(Limits.MAX_AMOUNT) Long budget,
        @Nullable @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @Nullable @Size(max = 50) List<@Valid @NotNull Category> categories,
        @Nullable @Valid BallotSettings ballot,
        @NotBlank @Size(max = 32) String rule,
        @Nullable @Valid TieBreakingSettings tieBreaking,
        @Nullable @Valid VoterSettings eligibility,
        @Nullable Instant votingOpens,
        @Nullable Instant votingCloses,
        @Nullable @Size(max = 100) List<@NotNull @Size(min = 2, max = 100) List<@NotBlank @Size(max = 64) String>> incompatibleGroups) {

    /** The same request with every absent optional part set to its documented default. */
    public ElectionRequest withDefaults() {
        return new ElectionRequest(name.strip(), neighbourhood.strip(), budget, currency == null ? "EUR" : currency,
                categories == null ? List.of() : List.copyOf(categories),
                ballot == null ? BallotSettings.approval() : ballot,
                rule.strip(),
                tieBreaking == null ? TieBreakingSettings.byId() : tieBreaking,
                eligibility == null ? VoterSettings.everyone() : eligibility,
                votingOpens, votingCloses, incompatibleGroups == null ? List.of() : List.copyOf(incompatibleGroups));
    }

    /** The same request with another end of voting. */
    public ElectionRequest withVotingCloses(Instant closes) {
        return new ElectionRequest(name, neighbourhood, budget, currency, categories, ballot, rule, tieBreaking, eligibility,
                votingOpens, closes, incompatibleGroups);
    }
}
