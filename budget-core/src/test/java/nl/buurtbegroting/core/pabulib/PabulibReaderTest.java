package nl.buurtbegroting.core.pabulib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;
import nl.buurtbegroting.core.pabulib.PabulibTestFiles.Expected;

class PabulibReaderTest {

    static List<Expected> expectedFiles() {
        return PabulibTestFiles.expected();
    }

    @Test
    void bundlesAllFortyFiveFilesAndTheirExpectations() {
        assertEquals(PabulibTestFiles.FILE_COUNT, PabulibTestFiles.names().count());
        assertEquals(PabulibTestFiles.FILE_COUNT, expectedFiles().size());
        assertEquals(Set.copyOf(PabulibTestFiles.names().toList()),
                Set.copyOf(expectedFiles().stream().map(Expected::file).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void readsEveryPublishedFileWithTheExpectedCounts(Expected expected) throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file(expected.file()));
        assertEquals(expected.projects(), e.instance().projects().size(), "projects");
        assertEquals(expected.voters(), e.profile().size(), "voters");
        assertEquals(expected.budget(), e.instance().budget(), "budget");
        assertEquals(expected.voteType(), e.instance().voteType().pabulibName(), "vote_type");
        for (Ballot b : e.profile().ballots()) {
            assertEquals(e.instance().voteType(), b.voteType());
        }
    }

    @Test
    void readsARepeatedApprovalAsOneApproval() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Netherlands_Amsterdam_604.pb"));
        ApprovalBallot b = (ApprovalBallot) ballot(e, "13650977333");
        assertEquals(List.of("42344", "42346", "42350", "42355", "42360"), List.copyOf(b.approved()));
        // The file's own votes column counted the repeats; the set reading gives one fewer for 42346.
        long approvals = e.profile().ballots().stream().filter(x -> x.weight("42346") > 0).count();
        assertEquals(1197, approvals);
        assertEquals("1198", e.instance().project("42346").orElseThrow().attributes().get("votes"));
    }

    @Test
    void readsARepeatedCumulativeEntryWithItsLastPoints() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Poland_Czestochowa_2020.pb"));
        CumulativeBallot b = (CumulativeBallot) ballot(e, "13026");
        assertEquals(Map.of("579", 1L), b.points());
        assertEquals(1, b.totalPoints());
        long score = e.profile().ballots().stream().mapToLong(x -> x.weight("579")).sum();
        assertEquals(5434, score);
        assertEquals("5437", e.instance().project("579").orElseThrow().attributes().get("score"));
    }

    @Test
    void keepsMetaInOrderAndMapsKnownKeys() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Netherlands_Amsterdam_604.pb"));
        Instance i = e.instance();
        assertEquals("Oost Begroot Oud Oost", i.name());
        assertEquals(List.of("description", "country", "unit", "district"), List.copyOf(i.meta().keySet()).subList(0, 4));
        assertEquals("300000", i.meta().get("budget"));
        assertEquals(List.of("Meer groen in de buurt", "Kindvriendelijke buurt", "Kinder- en jongerenactiviteiten",
                "Klimaat en duurzaamheid"), List.copyOf(i.categoryCaps().keySet()));
        assertEquals(90610L, i.categoryCaps().get("Meer groen in de buurt"));
        assertEquals(80715L, i.categoryCaps().get("Klimaat en duurzaamheid"));
    }

    @Test
    void readsProjectColumnsIntoFieldsAndAttributes() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Poland_Warszawa_2020_Ochota.pb"));
        Project p = e.instance().project("1120").orElseThrow();
        assertEquals(288728, p.cost());
        assertEquals(List.of("public space", "environmental protection", "culture"), p.categories());
        assertEquals("Butelkomaty dla Ochoty - akcja edukacyjno-promocyjna", p.name());
        assertEquals("1", p.attributes().get("selected"));
        assertEquals("people with disabilities,seniors,adults,youth,children", p.attributes().get("beneficiaries"));
        assertFalse(p.attributes().containsKey("latitude"), "empty cells are not attributes");
        assertFalse(p.attributes().containsKey("name"));
        assertEquals(Eligibility.ADMITTED, p.eligibility());
    }

    @Test
    void acceptsWholeDecimalsForBudgetAndCost() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb"));
        assertEquals(400000, e.instance().budget());
        assertEquals("400000.0", e.instance().meta().get("budget"));
        assertTrue(e.instance().projects().stream().anyMatch(p -> p.cost() == 4000));
    }

    @Test
    void roundsAFractionalBudgetDownAndKeepsTheOriginal() throws IOException {
        Election e = PabulibTestFiles.parse(minimal("budget;1000.99\nvote_type;approval", "1;500", "v1;1"));
        assertEquals(1000, e.instance().budget());
        assertEquals("1000.99", e.instance().meta().get("budget"));
    }

    @Test
    void keepsQuotesInsideAnUnquotedField() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Poland_Czestochowa_2020.pb"));
        assertEquals("Budowa boiska ogólnego wielofunkcyjnego \"Orlik\"", e.instance().project("611").orElseThrow().name());
    }

    @Test
    void readsQuotedFieldsWithSeparatorsEscapedQuotesAndLineBreaks() throws IOException {
        String text = "META\nkey;value\nbudget;100\nvote_type;approval\ncomment;\"a;b \"\"c\"\"\nnext line\"\n"
                + "PROJECTS\nproject_id;cost;name\n1;10;\"  padded ; name \"\nVOTES\nvoter_id;vote\n\"v1\";\"1\"\n";
        Election e = PabulibTestFiles.parse(text);
        assertEquals("a;b \"c\"\nnext line", e.instance().meta().get("comment"));
        assertEquals("  padded ; name ", e.instance().projects().get(0).name());
        assertEquals(Set.of("1"), e.profile().ballots().get(0).supported());
    }

    @Test
    void countsLinesInsideQuotedFieldsForLaterErrors() {
        String text = "META\nkey;value\nbudget;100\nvote_type;approval\ncomment;\"1\n2\n3\"\n"
                + "PROJECTS\nproject_id;cost\n1;x\nVOTES\nvoter_id;vote\n";
        PabulibFormatException ex = assertThrows(PabulibFormatException.class, () -> PabulibTestFiles.parse(text));
        assertEquals(ErrorCode.INVALID_NUMBER, ex.code());
        assertEquals(10, ex.line());
    }

    @Test
    void handlesBomCrlfLoneCrBlankLinesAndSectionCase() throws IOException {
        String text = "\uFEFFmeta\r\nkey;value\r\n\r\nbudget;100\rvote_type;approval\n  Projects  \n"
                + "project_id;cost\n1;10\n\n2;20\nVotes\nvoter_id;vote\nv1;1,2\nv2;\n";
        Election e = PabulibTestFiles.parse(text);
        assertEquals(2, e.instance().projects().size());
        assertEquals(2, e.profile().size());
        assertTrue(e.profile().ballots().get(1).supported().isEmpty(), "an empty vote is an empty ballot");
    }

    @Test
    void readsEveryBallotKind() throws IOException {
        Ballot choose = PabulibTestFiles.parse(minimal("budget;10\nvote_type;choose-1", "1;5", "v1;1\nv2;"))
                .profile().ballots().get(1);
        assertEquals(new ChooseOneBallot("v2", "", Map.of()), choose);

        Election ordinal = PabulibTestFiles.parse(
                "META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n1;5\n2;5\n3;5\n"
                        + "VOTES\nvoter_id;vote;age\nv1; 3, 1 ,2;40\n");
        assertEquals(new OrdinalBallot("v1", List.of("3", "1", "2"), Map.of("age", "40")), ordinal.profile().ballots().get(0));

        Election cumulative = PabulibTestFiles.parse(
                "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\n2;5\n"
                        + "VOTES\nvoter_id;vote;points\nv1;2,1;3,0\nv2;;\n");
        CumulativeBallot c = (CumulativeBallot) cumulative.profile().ballots().get(0);
        assertEquals(List.of("2", "1"), List.copyOf(c.points().keySet()));
        assertEquals(Set.of("2"), c.supported());
        assertTrue(cumulative.profile().ballots().get(1).supported().isEmpty());
    }

    @Test
    void readsBallotLimitsFromMeta() throws IOException {
        Election e = PabulibTestFiles.parse(minimal(
                "budget;10\nvote_type;approval\nmin_length;1\nmax_length;2\nmax_sum_cost;10", "1;5", "v1;1"));
        assertEquals(1, e.instance().ballotRules().minLength());
        assertEquals(2, e.instance().ballotRules().maxLength());
        assertEquals(10L, e.instance().ballotRules().maxSumCost());
        assertEquals(VoteType.APPROVAL, e.instance().voteType());
    }

    @Test
    void readsNamedCategoryCaps() throws IOException {
        Election e = PabulibTestFiles.parse(minimal(
                "budget;10\nvote_type;approval\nbudget_per_category;\"green:5,play:7.5\"", "1;5", "v1;1"));
        assertEquals(Map.of("green", 5L, "play", 7L), e.instance().categoryCaps());
    }

    @Test
    void readsEligibilityColumns() throws IOException {
        Election e = PabulibTestFiles.parse("META\nkey;value\nbudget;10\nvote_type;approval\n"
                + "PROJECTS\nproject_id;cost;admitted;admission_reason\n1;5;1;\n2;5;0;not on municipal land\n"
                + "VOTES\nvoter_id;vote\nv1;1\n");
        assertTrue(e.instance().projects().get(0).admitted());
        assertEquals(Eligibility.notAdmitted("not on municipal land"), e.instance().projects().get(1).eligibility());
        assertTrue(e.instance().projects().get(1).attributes().isEmpty());
    }

    @Test
    void readsGzipByMagicBytesWhateverTheName(@TempDir Path dir) throws IOException {
        Path original = PabulibTestFiles.file("Poland_Wieliczka_2023_Green_Budget.pb");
        byte[] gz = gzip(Files.readAllBytes(original));
        Election plain = PabulibReader.read(original);

        Path misnamed = dir.resolve("looks_plain.pb");
        Files.write(misnamed, gz);
        assertEquals(plain, PabulibReader.read(misnamed));

        Path named = dir.resolve("Wieliczka.pb.gz");
        Files.write(named, gz);
        assertEquals(plain, PabulibReader.read(named));

        try (InputStream in = new ByteArrayInputStream(gz)) {
            assertEquals(plain, PabulibReader.read(in, "stream"));
        }
    }

    @Test
    void rejectsADamagedGzipStream() throws IOException {
        byte[] gz = gzip(Files.readAllBytes(PabulibTestFiles.file("Netherlands_Assen_2024.pb")));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibReader.read(new ByteArrayInputStream(truncated), "half.pb.gz"));
        assertEquals(ErrorCode.INVALID_GZIP, ex.code());
    }

    @Test
    void rejectsBytesThatAreNotUtf8OnTheirLine() {
        String text = minimal("budget;10\nvote_type;approval\nunit;Z\u00fcrich", "1;5", "v1;1");
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibReader.read(new ByteArrayInputStream(bytes), "latin1.pb"));
        assertEquals(ErrorCode.INVALID_ENCODING, ex.code());
        assertEquals(5, ex.line());
        assertTrue(ex.getMessage().startsWith("latin1.pb, line 5: "), ex.getMessage());
    }

    @Test
    void enforcesTheSizeAndRowLimits() {
        String text = minimal("budget;10\nvote_type;approval", "1;5", "v1;1\nv2;1\nv3;1");
        PabulibFormatException bytes = assertThrows(PabulibFormatException.class, () -> PabulibReader.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x",
                PabulibReader.Options.DEFAULT.withMaxBytes(20)));
        assertEquals(ErrorCode.TOO_LARGE, bytes.code());
        PabulibFormatException rows = assertThrows(PabulibFormatException.class, () -> PabulibReader.read(
                new java.io.StringReader(text), "x", PabulibReader.Options.DEFAULT.withMaxRows(10)));
        assertEquals(ErrorCode.TOO_LARGE, rows.code());
        assertEquals(11, rows.line());
    }

    @Test
    void acceptsDisagreeingCountsWhenAskedTo() throws IOException {
        String text = minimal("budget;10\nvote_type;approval\nnum_votes;5", "1;5", "v1;1");
        Election e = PabulibReader.read(new java.io.StringReader(text), "x",
                PabulibReader.Options.DEFAULT.withStrictCounts(false));
        assertEquals(1, e.profile().size());
        assertEquals("5", e.instance().meta().get("num_votes"));
    }

    @Test
    void sharesProjectIdStringsAcrossBallots() throws IOException {
        Election e = PabulibReader.read(PabulibTestFiles.file("Netherlands_Amsterdam_287.pb"));
        String id = e.instance().projects().get(0).id();
        for (Ballot b : e.profile().ballots()) {
            for (String s : b.supported()) {
                if (s.equals(id)) {
                    assertTrue(s == id, "ballots should reuse the project's id string");
                }
            }
        }
        assertInstanceOf(ApprovalBallot.class, e.profile().ballots().get(0));
    }

    static String minimal(String meta, String projects, String votes) {
        return "META\nkey;value\n" + meta + "\nPROJECTS\nproject_id;cost\n" + projects + "\nVOTES\nvoter_id;vote\n" + votes + "\n";
    }

    private static Ballot ballot(Election e, String voter) {
        return e.profile().ballots().stream().filter(b -> b.voterId().equals(voter)).findFirst().orElseThrow();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
