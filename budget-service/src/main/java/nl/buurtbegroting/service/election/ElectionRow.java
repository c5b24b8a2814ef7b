package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The {@code election} table. Lists (categories, tie order, districts) are JSON text so the same
 * schema works on H2 and PostgreSQL; {@link ElectionMapper} converts to and from the API records.
 */
@MappedEntity("election")
public record ElectionRow(@Id @GeneratedValue @Nullable Long id,
                          String name,
                          String neighbourhood,
                          long budget,
                          String currency,
                          String categoriesJson,
                          BallotFormat ballotFormat,
                          @Nullable Integer minProjects,
                          @Nullable Integer maxProjects,
                          @Nullable Long maxPoints,
                          @Nullable Long maxCost,
                          String allocationRule,
                          TiePolicy tiePolicy,
                          String tieOrderJson,
                          @Nullable Long tieSeed,
                          @Nullable Integer minimumAge,
                          String districtsJson,
                          @Nullable Instant votingOpens,
                          @Nullable Instant votingCloses,
                          ElectionState state,
                          String createdBy,
                          Instant createdAt,
                          Instant updatedAt,
                          String incompatibleJson) {

    public ElectionRow withState(ElectionState next, Instant at) {
        return new ElectionRow(id, name, neighbourhood, budget, currency, categoriesJson, ballotFormat, minProjects,
                maxProjects, maxPoints, maxCost, allocationRule, tiePolicy, tieOrderJson, tieSeed, minimumAge,
                districtsJson, votingOpens, votingCloses, next, createdBy, createdAt, at, incompatibleJson);
    }
}
