package nl.buurtbegroting.service.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionPatch;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.pabulib.PabulibService;
import nl.buurtbegroting.service.account.AccountService;
import nl.buurtbegroting.service.security.ElectionGrant;
import nl.buurtbegroting.service.security.ElectionGrantRepository;
import nl.buurtbegroting.service.security.Roles;
import nl.buurtbegroting.service.voting.VotingDemo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Demo mode ({@code --demo} or {@code BB_DEMO=true}): imports a real election, Assen 2024 from
 * pabulib.org, opens it for voting, makes an organiser {@code demo} with a random password, and prints
 * where to look and what to try. A second start on the same data reuses the election and gives the
 * demo organiser a new password; there is never a fixed password.
 */
@Singleton
@Requires(property = "bb.demo", value = "true")
public class DemoLoader implements ApplicationEventListener<ServerStartupEvent> {

    static final String DEMO_FILE = "demo/Netherlands_Assen_2024.pb";
    static final String DEMO_USER = "demo";

    private final PabulibService pabulib;
    private final ElectionService elections;
    private final AccountService accounts;
    private final ElectionGrantRepository grants;
    private final VotingDemo votingDemo;
    private final PrintStream console = System.out;

    public DemoLoader(PabulibService pabulib, ElectionService elections, AccountService accounts,
                      ElectionGrantRepository grants, VotingDemo votingDemo) {
        this.pabulib = pabulib;
        this.elections = elections;
        this.accounts = accounts;
        this.grants = grants;
        this.votingDemo = votingDemo;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Caller system = new Caller(AuditLog.SYSTEM, Set.of(Roles.ADMIN));
        byte[] file = demoFile();
        // Only an election the demo made itself, and only while it still takes votes; never another open
        // election of the same data directory (issue 11: a real election got the demo's codes).
        long id = demoElection(system)
                .orElseGet(() -> pabulib.importElection(system, file, "Netherlands_Assen_2024.pb").id());
        ElectionView election = elections.get(system, id);
        // The file's own dates lie in 2024; the demo votes from now for a month (voting times are enforced).
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant closes = now.plus(java.time.Duration.ofDays(30));
        if (election.state() == ElectionState.DRAFT) {
            elections.update(system, id, new ElectionPatch(null, null, null, null, null, null, null, null, null,
                    now.minus(java.time.Duration.ofMinutes(1)), closes, null));
            election = elections.open(system, id);
        } else if (election.votingCloses() != null && election.votingCloses().isBefore(closes.minus(java.time.Duration.ofDays(1)))) {
            election = elections.extend(system, id, closes);
        }
        byte[] raw = new byte[12];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accounts.demoOrganiser(DEMO_USER, password.toCharArray(), id);

        String url = event.getSource().getURL().toString();
        // Printed on the console on purpose, once: the demo password exists nowhere else.
        console.println("""

                ==== Buurtbegroting demo ====
                Service:     %1$s   (health: %1$s/health)
                OpenAPI:     %1$s/swagger/buurtbegroting.yml
                Swagger UI:  %1$s/swagger-ui/index.html
                Election %2$d "%3$s" (%4$s, budget %5$d %6$s, rule %7$s) is %8$s; data from pabulib.org.
                Organiser:   %9$s / %10$s   (this password is shown once; a restart makes a new one)

                Try:
                  curl %1$s/api/elections
                  curl %1$s/api/elections/%2$d/proposals
                  curl %1$s/api/elections/%2$d/export.pb
                  TOKEN=$(curl -s -X POST %1$s/api/login -H 'Content-Type: application/json' \\
                    -d '{"username":"%9$s","password":"%10$s"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -X POST %1$s/api/elections/%2$d/close -H "Authorization: Bearer $TOKEN"
                """.formatted(url, id, election.name(), election.neighbourhood(), election.budget(), election.currency(),
                election.rule(), election.state(), DEMO_USER, password));
        votingDemo.issueCodes(id, url);
    }

    /** The newest election the demo organiser was made for, if it is still DRAFT or OPEN. */
    private java.util.Optional<Long> demoElection(Caller system) {
        return grants.findByUsername(DEMO_USER).stream()
                .map(ElectionGrant::electionId)
                .max(Long::compare)
                .filter(id -> {
                    ElectionState state = elections.get(system, id).state();
                    return state == ElectionState.DRAFT || state == ElectionState.OPEN;
                });
    }

    private static byte[] demoFile() {
        try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(DEMO_FILE)) {
            if (in == null) {
                throw new IllegalStateException("the demo election " + DEMO_FILE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
