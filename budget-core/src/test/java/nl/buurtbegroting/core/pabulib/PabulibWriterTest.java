package nl.buurtbegroting.core.pabulib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.rules.AllocationRule;
import nl.buurtbegroting.core.rules.RuleName;

class PabulibWriterTest {

    static List<String> files() {
        return PabulibTestFiles.names().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void roundTripsEveryPublishedFile(String file) throws IOException {
        Election original = PabulibReader.read(PabulibTestFiles.file(file));
        String written = PabulibWriter.toString(original);
        Election again = PabulibTestFiles.parse(written);
        assertEquals(original, again);
        assertEquals(written, PabulibWriter.toString(again), "writing is stable");
    }

    @Test
    void keepsMetaOrderAndWholeDecimalBudgetAsWritten() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb"));
        String written = PabulibWriter.toString(e);
        assertTrue(written.startsWith("META\nkey;value\ndescription;"), written.substring(0, 60));
        assertTrue(written.contains("\nbudget;400000.0\n"));
        assertEquals(List.copyOf(e.instance().meta().keySet()),
                List.copyOf(PabulibTestFiles.parse(written).instance().meta().keySet()));
    }

    @Test
    void updatesCountsBudgetAndVoteTypeToTheElection() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Netherlands_Assen_2024.pb"));
        Instance fewer = e.instance().withProjects(e.instance().projects().subList(0, 3)).withBudget(1234);
        List<String> kept = fewer.projects().stream().map(Project::id).toList();
        List<nl.buurtbegroting.core.model.Ballot> ballots = e.profile().ballots().stream()
                .filter(b -> kept.containsAll(b.supported())).toList();
        String written = PabulibWriter.toString(new Election(fewer, new Profile(ballots)));
        Election again = PabulibTestFiles.parse(written);
        assertEquals("3", again.instance().meta().get("num_projects"));
        assertEquals(Integer.toString(ballots.size()), again.instance().meta().get("num_votes"));
        assertEquals(1234, again.instance().budget());
        int budgetLine = List.copyOf(e.instance().meta().keySet()).indexOf("budget");
        assertEquals(budgetLine, List.copyOf(again.instance().meta().keySet()).indexOf("budget"), "replaced in place");
    }

    @Test
    void writesAnElectionBuiltInCodeSoThatItReadsBackEqual() throws IOException {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("selected", "1");
        attrs.put("note", "a;b \"quoted\"\nsecond line");
        List<Project> projects = List.of(
                new Project("p1", "  Park; with \"swings\" ", 500, List.of("green", "play"), List.of("children"),
                        Eligibility.ADMITTED, attrs),
                new Project("p2", "", 700, List.of(), List.of(), Eligibility.notAdmitted("not on municipal land"), Map.of()));
        Map<String, Long> caps = new LinkedHashMap<>();
        caps.put("green", 600L);
        caps.put("play", 300L);
        Instance instance = new Instance("Wijk Oost 2026", 1000, projects, caps, List.of(),
                BallotRules.cumulative(10, 5L), Map.of());
        Profile profile = new Profile(List.of(
                new CumulativeBallot("v1", new LinkedHashMap<>(Map.of("p1", 3L)), Map.of("age", "34")),
                new CumulativeBallot("v2", Map.of(), Map.of()),
                new CumulativeBallot("v3", new LinkedHashMap<>(Map.of("p2", 0L)), Map.of("sex", "F"))));
        Election election = new Election(instance, profile);

        String written = PabulibWriter.toString(election);
        Election again = PabulibTestFiles.parse(written);

        assertEquals(instance.projects(), again.instance().projects());
        assertEquals(instance.categoryCaps(), again.instance().categoryCaps());
        assertEquals(instance.ballotRules(), again.instance().ballotRules());
        assertEquals("Wijk Oost 2026", again.instance().name());
        assertEquals(profile, again.profile());
        assertTrue(written.contains("p1;500;\"  Park; with \"\"swings\"\" \";green,play;children;1;;1;"
                + "\"a;b \"\"quoted\"\"\nsecond line\"\n"), written);
        assertTrue(written.contains("\nbudget_per_category;green:600,play:300\n"), written);
        assertTrue(written.contains("\nVOTES\nvoter_id;vote;points;age;sex\nv1;p1;3;34;\nv2;;;;\nv3;p2;0;;F\n"), written);
        assertEquals(written, PabulibWriter.toString(again));
    }

    /**
     * Open data recomputes the outcome only if it carries the incompatible groups: Phragmén on three plans of 300
     * with a budget of 1,000 funds all three without them, two with the groups {a,b} and {b,c}.
     */
    @Test
    void incompatibleGroupsTravelInMetaSoTheFileFundsWhatTheElectionFunds() throws IOException {
        Instance instance = Instance.of(1000, List.of(Project.of("a", 300), Project.of("b", 300), Project.of("c", 300)))
                .withIncompatibleGroups(List.of(new LinkedHashSet<>(List.of("a", "b")), new LinkedHashSet<>(List.of("b", "c"))));
        Profile profile = Profile.of(ApprovalBallot.of("a", "b", "c"), ApprovalBallot.of("b", "c"), ApprovalBallot.of("a", "c"));
        Election election = new Election(instance, profile);

        String written = PabulibWriter.toString(election);
        Election again = PabulibTestFiles.parse(written);

        assertTrue(written.contains("\nincompatible_groups;a,b|b,c\n"), written);
        assertEquals(instance.incompatibleGroups(), again.instance().incompatibleGroups());
        AllocationRule phragmen = RuleName.PHRAGMEN.create();
        assertEquals(2, phragmen.allocate(election).selected().size());
        assertEquals(phragmen.allocate(election).selected(), phragmen.allocate(again).selected());
        assertEquals(written, PabulibWriter.toString(again));

        Election without = new Election(again.instance().withIncompatibleGroups(List.of()), profile);
        assertFalse(PabulibWriter.toString(without).contains("incompatible_groups"), "groups removed are not kept from the file");
        assertEquals(3, phragmen.allocate(without).selected().size());
    }

    @Test
    void refusesToWriteAGroupWhoseIdHoldsTheSeparator() {
        Instance instance = Instance.of(100, List.of(Project.of("a|b", 50), Project.of("c", 60)))
                .withIncompatibleGroups(List.of(Set.of("a|b", "c")));
        Election e = new Election(instance, Profile.of(ApprovalBallot.of("c")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> PabulibWriter.toString(e));
        assertEquals("project id a|b holds a comma or |, which incompatible_groups cannot write", refused.getMessage());
    }

    @Test
    void numbersAnonymousBallots() throws IOException {
        Instance instance = Instance.of(100, List.of(Project.of("1", 50), Project.of("2", 60)));
        Election e = new Election(instance, Profile.of(ApprovalBallot.of("1"), ApprovalBallot.of("1", "2"),
                new ApprovalBallot("1", Set.of(), Map.of())));
        Election again = PabulibTestFiles.parse(PabulibWriter.toString(e));
        assertEquals(List.of("2", "3", "1"), again.profile().ballots().stream().map(b -> b.voterId()).toList());
        assertEquals(VoteType.APPROVAL, again.instance().voteType());
    }

    @Test
    void refusesBallotsOfAnotherKind() {
        Instance instance = Instance.of(100, List.of(Project.of("1", 50)));
        Election e = new Election(instance, Profile.of(ChooseOneBallot.of("1")));
        assertThrows(IllegalArgumentException.class, () -> PabulibWriter.toString(e));
    }

    @Test
    void gzipsWhenTheNameEndsInGz(@TempDir Path dir) throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Poland_Zabrze_2021_Makoszowy.pb"));
        Path gz = dir.resolve("out.pb.gz");
        PabulibWriter.write(e, gz);
        try (InputStream in = Files.newInputStream(gz)) {
            assertEquals(0x1f, in.read());
            assertEquals(0x8b, in.read());
        }
        assertEquals(e, PabulibReader.read(gz));
        Path plain = dir.resolve("out.pb");
        PabulibWriter.write(e, plain);
        assertTrue(Files.readString(plain).startsWith("META\n"));
        assertEquals(e, PabulibReader.read(plain));
    }
}
