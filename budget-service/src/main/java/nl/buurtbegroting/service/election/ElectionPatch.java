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
 * A change to a draft election: every field present replaces the stored one, absent ({@code null})
 * fields stay as they are. {@code categories}, {@code ballot}, {@code tieBreaking} and
 * {@code eligibility} are replaced as a whole.
 */
@Serdeable
public record ElectionPatch(
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String neighbourhood,
        @Nullable @PositiveOrZero @Max(Limits.MAX_AMOUNT) Long budget,
        @Nullable @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @Nullable @Size(max = 50) List<@Valid @NotNull Category> categories,
        @Nullable @Valid BallotSettings ballot,
        @Nullable @Size(min = 1, max = 32) String rule,
        @Nullable @Valid TieBreakingSettings tieBreaking,
        @Nullable @Valid VoterSettings eligibility,
        @Nullable Instant votingOpens,
        @Nullable Instant votingCloses,
        @Nullable @Size(max = 100) List<@NotNull @Size(min = 2, max = 100) List<@NotBlank @Size(max = 64) String>> incompatibleGroups) {

    ElectionRequest applyTo(ElectionRequest current) {
        return new ElectionRequest(
                name != null ? name.strip() : current.name(),
                neighbourhood != null ? neighbourhood.strip() : current.neighbourhood(),
                budget != null ? budget : current.budget(),
                currency != null ? currency : current.currency(),
                categories != null ? List.copyOf(categories) : current.categories(),
                ballot != null ? ballot : current.ballot(),
                rule != null ? rule.strip() : current.rule(),
                tieBreaking != null ? tieBreaking : current.tieBreaking(),
                eligibility != null ? eligibility : current.eligibility(),
                votingOpens != null ? votingOpens : current.votingOpens(),
                votingCloses != null ? votingCloses : current.votingCloses(),
                incompatibleGroups != null ? List.copyOf(incompatibleGroups) : current.incompatibleGroups());
    }

    /** The names of the fields this patch sets, for the audit log. */
    List<String> fieldsSet() {
        List<String> fields = new java.util.ArrayList<>();
        if (name != null) fields.add("name");
        if (neighbourhood != null) fields.add("neighbourhood");
        if (budget != null) fields.add("budget");
        if (currency != null) fields.add("currency");
        if (categories != null) fields.add("categories");
        if (ballot != null) fields.add("ballot");
        if (rule != null) fields.add("rule");
        if (tieBreaking != null) fields.add("tieBreaking");
        if (eligibility != null) fields.add("eligibility");
        if (votingOpens != null) fields.add("votingOpens");
        if (votingCloses != null) fields.add("votingCloses");
        if (incompatibleGroups != null) fields.add("incompatibleGroups");
        return fields;
    }
}
