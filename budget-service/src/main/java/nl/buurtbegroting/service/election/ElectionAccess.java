package nl.buurtbegroting.service.election;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.security.ElectionGrantRepository;

/**
 * Per-election access on top of the role checks of {@code @Secured}: residents see an election once it
 * has left DRAFT; staff see drafts according to role; only admins and the election's own organisers
 * change it. Grants are read from the database on each request, so a revoked grant takes effect at once.
 */
@Singleton
public class ElectionAccess {

    private final ElectionGrantRepository grants;

    public ElectionAccess(ElectionGrantRepository grants) {
        this.grants = grants;
    }

    public void requireReadable(@Nullable Caller caller, ElectionRow election) {
        if (election.state() != ElectionState.DRAFT) {
            return;
        }
        if (caller == null) {
            throw ApiProblem.unauthorized("Election " + election.id() + " is a draft; log in as its organiser to see it.");
        }
        if (caller.isAdmin() || caller.isAuditor() || isOrganiserOf(caller, election.id())) {
            return;
        }
        throw ApiProblem.forbidden("You are not an organiser of election " + election.id() + ".");
    }

    public void requireWritable(@Nullable Caller caller, long electionId) {
        if (caller == null) {
            throw ApiProblem.unauthorized("Log in to change an election.");
        }
        if (caller.isAdmin() || isOrganiserOf(caller, electionId)) {
            return;
        }
        throw ApiProblem.forbidden("You are not an organiser of election " + electionId + ".");
    }

    public boolean canSeeDraft(@Nullable Caller caller, long electionId) {
        return caller != null && (caller.isAdmin() || caller.isAuditor() || isOrganiserOf(caller, electionId));
    }

    private boolean isOrganiserOf(Caller caller, long electionId) {
        return caller.isOrganiser() && grants.existsByUsernameAndElectionId(caller.username(), electionId);
    }
}
