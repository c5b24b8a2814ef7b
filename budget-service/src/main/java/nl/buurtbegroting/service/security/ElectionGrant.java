package nl.buurtbegroting.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** That an organiser may change one election. */
@MappedEntity("election_grant")
public record ElectionGrant(@Id @GeneratedValue @Nullable Long id, String username, long electionId) {
}
