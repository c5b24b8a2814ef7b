package nl.buurtbegroting.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;

/** Tiny elections and assertions shared by the explanation tests. */
final class Explained {

    private Explained() {
    }

    /** a: 3 votes, € 60.000; b: 2 votes, € 50.000; c: 1 vote, € 40.000. Budget € 100.000. */
    static Election threeProjects() {
        Instance instance = Instance.of(100_000, List.of(Project.of("a", "Speeltuin", 60_000),
                Project.of("b", "Bankjes", 50_000), Project.of("c", "Moestuin", 40_000)));
        return new Election(instance, new Profile(List.of(ApprovalBallot.of("a", "b"), ApprovalBallot.of("a", "b"),
                ApprovalBallot.of("a", "c"))));
    }

    /**
     * Four voters, € 25.000 each under Equal Shares. x (€ 60.000) has three supporters, who pay
     * € 20.000 each; y (€ 40.000) has two of them, left with € 5.000 each; z (€ 30.000) has one
     * supporter with € 25.000; nobody votes for w (€ 10.000).
     */
    static Election fourVoters() {
        Instance instance = Instance.of(100_000, List.of(Project.of("x", "Speeltuin", 60_000),
                Project.of("y", "Bankjes", 40_000), Project.of("z", "Moestuin", 30_000),
                Project.of("w", "Kunstwerk", 10_000)));
        return new Election(instance, new Profile(List.of(ApprovalBallot.of("x", "y"), ApprovalBallot.of("x", "y"),
                ApprovalBallot.of("x"), ApprovalBallot.of("z"))));
    }

    static void assertExplanation(Explanation x, String code, String headline, String body) {
        assertEquals(code, x.decisionCode(), "decision code");
        assertEquals(headline, x.headline(), "headline");
        assertEquals(body, x.body(), "body");
    }

    /** The n-th sentence (0 first) of a body; sentences end with ". " here. */
    static String sentence(String body, int n) {
        String[] parts = body.split("(?<=\\.) (?=[A-Z0-9€])");
        assertTrue(n < parts.length, () -> "no sentence " + n + " in: " + body + " " + Arrays.toString(parts));
        return parts[n];
    }
}
