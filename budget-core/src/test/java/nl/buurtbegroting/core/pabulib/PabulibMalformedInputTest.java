package nl.buurtbegroting.core.pabulib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/** Every way a file can be wrong, each with the exact code, line and field the reader must report. */
class PabulibMalformedInputTest {

    record Case(String name, String text, ErrorCode code, int line, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String META = "META\nkey;value\nbudget;100\nvote_type;approval\n";
    private static final String PROJECTS = "PROJECTS\nproject_id;cost\n1;10\n2;20\n";
    private static final String VOTES = "VOTES\nvoter_id;vote\n";

    /** META, then lines 3-4 budget and vote_type, PROJECTS on 5, header 6, projects 7-8, VOTES 9, header 10. */
    private static String approval(String votes) {
        return META + PROJECTS + VOTES + votes;
    }

    private static String cumulative(String votes) {
        return "META\nkey;value\nbudget;100\nvote_type;cumulative\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n" + votes;
    }

    private static String meta(String extra) {
        return "META\nkey;value\n" + extra + PROJECTS + VOTES + "v1;1\n";
    }

    private static String projects(String header, String rows) {
        return META + "PROJECTS\n" + header + "\n" + rows + VOTES + "v1;1\n";
    }

    static List<Case> cases() {
        return List.of(
                new Case("nothing at all", "", ErrorCode.EMPTY_FILE, 0, ""),
                new Case("only blank lines", "\n  \r\n\n", ErrorCode.EMPTY_FILE, 0, ""),
                new Case("text before META", "hello\n" + approval("v1;1\n"), ErrorCode.UNKNOWN_SECTION, 1, ""),
                new Case("no VOTES section", META + PROJECTS, ErrorCode.MISSING_SECTION, 0, "VOTES"),
                new Case("META twice", META + "META\nkey;value\n", ErrorCode.DUPLICATE_SECTION, 5, "META"),
                new Case("no META before PROJECTS", PROJECTS + VOTES, ErrorCode.SECTION_ORDER, 1, "PROJECTS"),
                new Case("VOTES before PROJECTS", META + VOTES + PROJECTS, ErrorCode.SECTION_ORDER, 5, "VOTES"),
                new Case("section without header", META + "PROJECTS\nVOTES\n", ErrorCode.MISSING_HEADER, 5, "PROJECTS"),
                new Case("META header with three columns", "META\nkey;value;extra\n", ErrorCode.WRONG_FIELD_COUNT, 2, ""),
                new Case("no cost column", projects("project_id;name", "1;x\n"), ErrorCode.MISSING_COLUMN, 6, "cost"),
                new Case("no vote column", META + PROJECTS + "VOTES\nvoter_id;points\nv1;1\n", ErrorCode.MISSING_COLUMN, 10, "vote"),
                new Case("cumulative without points column",
                        "META\nkey;value\nbudget;100\nvote_type;cumulative\n" + PROJECTS + VOTES + "v1;1\n",
                        ErrorCode.MISSING_COLUMN, 10, "points"),
                new Case("category and its alias", projects("project_id;cost;category;categories", "1;10;a;b\n"),
                        ErrorCode.DUPLICATE_COLUMN, 6, "categories"),
                new Case("same column twice in another case", projects("project_id;cost;Cost", "1;10;10\n"),
                        ErrorCode.DUPLICATE_COLUMN, 6, "Cost"),
                new Case("project row with an extra field", projects("project_id;cost", "1;10\n2;20;x\n"),
                        ErrorCode.WRONG_FIELD_COUNT, 8, ""),
                new Case("meta row with a missing value", meta("budget;100\nvote_type;approval\nrule\n"),
                        ErrorCode.WRONG_FIELD_COUNT, 5, ""),
                new Case("quote never closed", projects("project_id;cost;name", "1;10;\"Park\n2;20;x\n"),
                        ErrorCode.UNTERMINATED_QUOTE, 7, "name"),
                new Case("meta key twice", meta("budget;100\nvote_type;approval\nbudget;200\n"),
                        ErrorCode.DUPLICATE_META_KEY, 5, "budget"),
                new Case("empty meta key", meta("budget;100\nvote_type;approval\n;x\n"), ErrorCode.EMPTY_ID, 5, "key"),
                new Case("no budget", meta("vote_type;approval\n"), ErrorCode.MISSING_BUDGET, 0, "budget"),
                new Case("no vote type", meta("budget;100\n"), ErrorCode.MISSING_VOTE_TYPE, 0, "vote_type"),
                new Case("scoring vote type", meta("budget;100\nvote_type;scoring\n"), ErrorCode.UNKNOWN_VOTE_TYPE, 4, "vote_type"),
                new Case("budget is a word", meta("budget;lots\nvote_type;approval\n"), ErrorCode.INVALID_NUMBER, 3, "budget"),
                new Case("budget with a thousands comma", meta("budget;1,000\nvote_type;approval\n"),
                        ErrorCode.INVALID_NUMBER, 3, "budget"),
                new Case("negative budget", meta("budget;-100\nvote_type;approval\n"), ErrorCode.NEGATIVE_AMOUNT, 3, "budget"),
                new Case("budget beyond a long", meta("budget;1e40\nvote_type;approval\n"), ErrorCode.INVALID_NUMBER, 3, "budget"),
                new Case("cost with a letter", projects("project_id;cost", "1;12a00\n"), ErrorCode.INVALID_NUMBER, 7, "cost"),
                new Case("empty cost", projects("project_id;cost", "1;\n"), ErrorCode.INVALID_NUMBER, 7, "cost"),
                new Case("negative cost", projects("project_id;cost", "1;-5\n"), ErrorCode.NEGATIVE_AMOUNT, 7, "cost"),
                new Case("fractional cost", projects("project_id;cost", "1;10.5\n"), ErrorCode.FRACTIONAL_AMOUNT, 7, "cost"),
                new Case("empty project id", projects("project_id;cost", " ;10\n"), ErrorCode.EMPTY_ID, 7, "project_id"),
                new Case("project twice", projects("project_id;cost", "1;10\n1;20\n"), ErrorCode.DUPLICATE_PROJECT, 8, "project_id"),
                new Case("not admitted without a reason",
                        projects("project_id;cost;admitted;admission_reason", "1;10;0;\n"),
                        ErrorCode.INVALID_ELIGIBILITY, 7, "admission_reason"),
                new Case("admitted is not a flag", projects("project_id;cost;admitted", "1;10;maybe\n"),
                        ErrorCode.INVALID_ELIGIBILITY, 7, "admitted"),
                new Case("empty voter id", approval("v1;1\n;2\n"), ErrorCode.EMPTY_ID, 12, "voter_id"),
                new Case("voter twice", approval("v1;1\nv2;2\nv1;2\n"), ErrorCode.DUPLICATE_VOTER, 13, "voter_id"),
                new Case("vote for an unknown project", approval("v1;1\nv2;1,3\n"), ErrorCode.UNKNOWN_PROJECT, 12, "vote"),
                new Case("choose-1 with two projects",
                        "META\nkey;value\nbudget;100\nvote_type;choose-1\n" + PROJECTS + VOTES + "v1;1,2\n",
                        ErrorCode.TOO_MANY_CHOICES, 11, "vote"),
                new Case("ordinal ranking a project twice",
                        "META\nkey;value\nbudget;100\nvote_type;ordinal\n" + PROJECTS + VOTES + "v1;1,2,1\n",
                        ErrorCode.REPEATED_PROJECT, 11, "vote"),
                new Case("cumulative without points", cumulative("v1;1,2;\n"), ErrorCode.MISSING_POINTS, 11, "points"),
                new Case("more projects than points", cumulative("v1;1,2;3\n"), ErrorCode.POINTS_MISMATCH, 11, "points"),
                new Case("points without projects", cumulative("v1;;3\n"), ErrorCode.POINTS_MISMATCH, 11, "points"),
                new Case("negative points", cumulative("v1;1,2;3,-1\n"), ErrorCode.INVALID_POINTS, 11, "points"),
                new Case("fractional points", cumulative("v1;1;1.5\n"), ErrorCode.INVALID_POINTS, 11, "points"),
                new Case("empty entry shifting points", cumulative("v1;1,,2;1,2,3\n"), ErrorCode.UNKNOWN_PROJECT, 11, "vote"),
                new Case("num_projects disagrees", meta("budget;100\nvote_type;approval\nnum_projects;3\n"),
                        ErrorCode.COUNT_MISMATCH, 5, "num_projects"),
                new Case("num_votes disagrees", meta("budget;100\nvote_type;approval\nnum_votes;2\n"),
                        ErrorCode.COUNT_MISMATCH, 5, "num_votes"),
                new Case("min_length above max_length", meta("budget;100\nvote_type;approval\nmax_length;1\nmin_length;2\n"),
                        ErrorCode.INVALID_LIMITS, 6, "min_length"),
                new Case("fractional ballot limit", meta("budget;100\nvote_type;approval\nmax_length;1.5\n"),
                        ErrorCode.FRACTIONAL_AMOUNT, 5, "max_length"),
                new Case("caps without categories", meta("budget;100\nvote_type;approval\nbudget_per_category;\"10,20\"\n"),
                        ErrorCode.INVALID_CATEGORY_CAPS, 5, "budget_per_category"),
                new Case("incompatible group naming an unknown project", meta("budget;100\nvote_type;approval\nincompatible_groups;1,3\n"),
                        ErrorCode.INVALID_INCOMPATIBLE_GROUPS, 5, "incompatible_groups"),
                new Case("incompatible group of one project", meta("budget;100\nvote_type;approval\nincompatible_groups;1,2|2\n"),
                        ErrorCode.INVALID_INCOMPATIBLE_GROUPS, 5, "incompatible_groups"),
                new Case("incompatible group naming a project twice", meta("budget;100\nvote_type;approval\nincompatible_groups;1,1\n"),
                        ErrorCode.INVALID_INCOMPATIBLE_GROUPS, 5, "incompatible_groups"),
                new Case("empty incompatible group", meta("budget;100\nvote_type;approval\nincompatible_groups;1,2||\n"),
                        ErrorCode.INVALID_INCOMPATIBLE_GROUPS, 5, "incompatible_groups"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsCodeLineAndField(Case c) {
        PabulibFormatException ex = assertThrows(PabulibFormatException.class, () -> PabulibTestFiles.parse(c.text()));
        assertEquals(c.code(), ex.code(), ex.getMessage());
        assertEquals(c.line(), ex.line(), ex.getMessage());
        assertEquals(c.field(), ex.field(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith("test.pb"), ex.getMessage());
        if (c.line() > 0) {
            assertTrue(ex.getMessage().contains("line " + c.line()), ex.getMessage());
        }
        if (!c.field().isEmpty()) {
            assertTrue(ex.getMessage().contains("field " + c.field()), ex.getMessage());
        }
    }

    @Test
    void explainsABadCostPrecisely() {
        PabulibFormatException ex = assertThrows(PabulibFormatException.class,
                () -> PabulibTestFiles.parse(projects("project_id;cost", "1;12a00\n")));
        assertEquals("test.pb, line 7, field cost: '12a00' is not a whole amount", ex.getMessage());
    }

    @Test
    void coversEveryErrorCodeTheTextReaderCanRaise() {
        Set<ErrorCode> covered = cases().stream().map(Case::code).collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
        // These three need bytes or limits rather than text; PabulibReaderTest covers them.
        Set<ErrorCode> elsewhere = EnumSet.of(ErrorCode.INVALID_ENCODING, ErrorCode.INVALID_GZIP, ErrorCode.TOO_LARGE);
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(covered.contains(code) || elsewhere.contains(code), "no malformed case for " + code);
        }
    }
}
