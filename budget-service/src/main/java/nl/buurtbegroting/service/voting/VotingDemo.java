package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.ballot.BallotRulesCache;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.security.Roles;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Demo mode, after the demo election is loaded and opened: issues a small batch of voting codes and prints
 * them with a ready curl command, so a newcomer casts a ballot within a minute. The codes go to the
 * console only (never to a logger), once; every start issues a fresh batch. Called by the demo loader
 * with the election it made, and for no other election.
 */
@Singleton
@Requires(property = "bb.demo", value = "true")
public class VotingDemo {

    static final int DEMO_CODES = 5;

    private final ElectionService elections;
    private final CodeBatchService batches;
    private final BallotRulesCache rules;
    private final PrintStream console = System.out;
    private final nl.buurtbegroting.service.web.PublicUrl publicUrl;

    public VotingDemo(ElectionService elections, CodeBatchService batches, BallotRulesCache rules,
                      nl.buurtbegroting.service.web.PublicUrl publicUrl) {
        this.elections = elections;
        this.batches = batches;
        this.rules = rules;
        this.publicUrl = publicUrl;
    }

    /** Issues and prints the demo codes for the demo's own election {@code id}, if it is OPEN. */
    public void issueCodes(long id, String url) {
        Caller system = new Caller(AuditLog.SYSTEM, Set.of(Roles.ADMIN));
        if (elections.get(system, id).state() != ElectionState.OPEN) {
            return;
        }
        CodeBatchService.Issued issued = batches.issue(system, id, new CodeBatchRequest(DEMO_CODES, "demo", null));
        Instance instance = rules.of(id).orElseThrow().instance();
        byte[] sid = new byte[12];
        new SecureRandom().nextBytes(sid);
        String codes = issued.codes().stream().map(VotingCode::printed).collect(Collectors.joining("\n  "));
        console.println("""

                ==== Voting ====
                Open this link in a browser to vote as a resident would (the code is in the part after #):
                  %7$s/vote/%2$d#%4$s
                Voting codes for election %2$d (demo batch, shown once; each casts one ballot):
                  %3$s
                Cast a ballot (no account needed; the receipt comes back):
                  curl -i -X POST %1$s/api/elections/%2$d/ballots -H 'Content-Type: application/json' \\
                    -d '{"code":"%4$s","projects":%5$s,"submissionId":"demo-%6$s"}'
                Send it again: the same receipt. Another submissionId with that code: 409 CODE_ALREADY_USED.
                """.formatted(url, id, codes, issued.codes().get(0).printed(), exampleChoice(instance),
                HexFormat.of().formatHex(sid), publicUrl.base(url)));
    }

    /** A valid choice as JSON: the cheapest admitted projects, as many as the ballot needs (at least one). */
    static String exampleChoice(Instance instance) {
        BallotRules r = instance.ballotRules();
        List<Project> admitted = new ArrayList<>(instance.projects().stream().filter(Project::admitted).toList());
        admitted.sort((a, b) -> Long.compare(a.cost(), b.cost()));
        int n = Math.max(1, r.minLength() == null ? 1 : r.minLength());
        List<Project> chosen = admitted.subList(0, Math.min(n, admitted.size()));
        String projects = chosen.stream().map(p -> "\"" + p.id() + "\"").collect(Collectors.joining(",", "[", "]"));
        if (r.voteType() == VoteType.CUMULATIVE) {
            String points = chosen.stream().map(p -> "1").collect(Collectors.joining(",", "[", "]"));
            return projects + ",\"points\":" + points;
        }
        return projects;
    }
}
