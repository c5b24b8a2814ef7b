package nl.buurtbegroting.service.election;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Converts between the API records and the {@code election} table's flat row. */
@Singleton
public class ElectionMapper {

    private static final Argument<List<Category>> CATEGORIES = Argument.listOf(Category.class);
    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);
    private static final Argument<List<List<String>>> GROUPS = Argument.listOf(Argument.listOf(String.class));

    private final JsonMapper json;

    public ElectionMapper(JsonMapper json) {
        this.json = json;
    }

    ElectionRow toRow(Long id, ElectionRequest r, ElectionState state, String createdBy, Instant createdAt, Instant updatedAt) {
        BallotSettings b = r.ballot();
        TieBreakingSettings t = r.tieBreaking();
        VoterSettings e = r.eligibility();
        return new ElectionRow(id, r.name(), r.neighbourhood(), r.budget(), r.currency(), write(r.categories()),
                b.format(), b.minProjects(), b.maxProjects(), b.maxPoints(), b.maxCost(), r.rule(),
                t.policy(), write(t.order()), t.seed(), e.minimumAge(), write(e.districts()),
                r.votingOpens(), r.votingCloses(), state, createdBy, createdAt, updatedAt, write(r.incompatibleGroups()));
    }

    public ElectionRequest toRequest(ElectionRow row) {
        return new ElectionRequest(row.name(), row.neighbourhood(), row.budget(), row.currency(),
                read(row.categoriesJson(), CATEGORIES),
                new BallotSettings(row.ballotFormat(), row.minProjects(), row.maxProjects(), row.maxPoints(), row.maxCost()),
                row.allocationRule(),
                new TieBreakingSettings(row.tiePolicy(), read(row.tieOrderJson(), STRINGS), row.tieSeed()),
                new VoterSettings(row.minimumAge(), read(row.districtsJson(), STRINGS)),
                row.votingOpens(), row.votingCloses(), read(row.incompatibleJson(), GROUPS));
    }

    public ElectionView toView(ElectionRow row) {
        ElectionRequest r = toRequest(row);
        return new ElectionView(row.id(), r.name(), r.neighbourhood(), r.budget(), r.currency(), r.categories(),
                r.ballot(), r.rule(), r.tieBreaking(), r.eligibility(), r.votingOpens(), r.votingCloses(), r.incompatibleGroups(),
                row.state(), row.createdAt(), row.updatedAt(),
                r.eligibility().minimumAge() == null ? null : ElectionView.AGE_CHECKED);
    }

    public ElectionSummary toSummary(ElectionRow row) {
        return new ElectionSummary(row.id(), row.name(), row.neighbourhood(), row.budget(), row.currency(), row.state(),
                row.votingOpens(), row.votingCloses());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
