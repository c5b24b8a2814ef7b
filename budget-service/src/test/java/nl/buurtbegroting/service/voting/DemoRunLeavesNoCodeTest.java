package nl.buurtbegroting.service.voting;

import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full demo run (issue 6): the service starts with {@code --demo} in its own JVM on a fresh data
 * directory, the demo codes are printed, a batch is issued and ballots are cast (good, retried, used,
 * typo, unknown), the vote is closed and the service stopped. Then neither a dump of the database nor the
 * service's output holds any issued code (the demo codes only in the console block that shows them), a
 * ballot id, or the voting-code key, and the key file is readable by its owner only.
 */
class DemoRunLeavesNoCodeTest {

    @TempDir
    Path dir;

    @Test
    void neitherTheDatabaseDumpNorTheOutputHoldsACode() throws Exception {
        // The demo runs on its own file H2 whatever the suite's database is: CI's second, PostgreSQL pass would only
        // repeat this run (about 10 s) without touching PostgreSQL.
        String pg = System.getenv("BB_TEST_PG_URL");
        assumeTrue(pg == null || pg.isBlank(), "the demo's file-H2 run is checked in the H2 pass of the suite");
        Path data = dir.resolve("data");
        Path log = dir.resolve("demo.log");
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BB_DATA_DIR", data.toString());
        Path keys = dir.resolve("keys");
        env.put("BB_KEY_DIR", keys.toString());
        env.put("BB_DEMO", "true");
        env.put("BB_SECURITY_PASSWORD_ITERATIONS", "1000");
        env.put("BB_ADMIN_USER", Api.ADMIN);
        env.put("BB_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        List<String> apiCodes;
        List<String> demoCodes;
        // Everything the service's own code logs, down to TRACE, and the framework at INFO.
        try (ServiceProcess service = ServiceProcess.start(env, log, List.of("-Dlogger.levels.nl.buurtbegroting=TRACE",
                "-Dlogger.levels.io.micronaut.http=DEBUG"), "--demo")) {
            String output = demoOutput(log);
            Matcher organiser = Pattern.compile("Organiser: +demo / (\\S+)").matcher(output);
            assertTrue(organiser.find(), output);
            demoCodes = printedCodes(voteBlock(output));
            assertEquals(VotingDemo.DEMO_CODES, demoCodes.size(), output);
            Matcher election = Pattern.compile("/api/elections/(\\d+)/ballots").matcher(output);
            assertTrue(election.find());
            long id = Long.parseLong(election.group(1));

            Api api = new Api(HttpClient.create(service.uri.toURL()), JsonMapper.createDefault());
            String token = api.login("demo", organiser.group(1));
            // Voting is open: the organiser's batch waits for a second staff member, here the admin (issue 11).
            long batch = api.post("/api/elections/" + id + "/code-batches", Map.of("count", 30, "label", "brieven"), token)
                    .ok(202).id();
            apiCodes = Voting.codesOf(api.post("/api/elections/" + id + "/code-batches/" + batch + "/approve", null,
                    api.adminToken()).ok(201).body());
            String path = "/api/elections/" + id + "/ballots";
            List<String> projects = choiceOf(output);
            for (int i = 0; i < 20; i++) {
                String sid = Voting.submissionId();
                api.post(path, Voting.ballot(apiCodes.get(i), projects, sid), null).ok(201);
                api.post(path, Voting.ballot(apiCodes.get(i), projects, sid), null).ok(201);
                api.post(path, Voting.ballot(apiCodes.get(i), projects, Voting.submissionId()), null).problem(409, "CODE_ALREADY_USED");
            }
            String code = apiCodes.get(25);
            char last = code.charAt(code.length() - 1);
            api.post(path, Voting.ballot(code.substring(0, code.length() - 1) + (last == '7' ? '8' : '7'), projects,
                    Voting.submissionId()), null).problem(422, "CODE_TYPO");
            api.post(path, Voting.ballot(demoCodes.get(0), projects, Voting.submissionId()), null).ok(201);
            api.post(path, Voting.ballot(apiCodes.get(26), List.of("no-such-project"), Voting.submissionId()), null)
                    .problem(422, "INVALID_BALLOT");
            api.post("/api/elections/" + id + "/close", null, token).ok(200);
        }

        String dump;
        List<String> ballotIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("buurtbegroting")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
             Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            try (ResultSet r = s.executeQuery("SCRIPT")) {
                while (r.next()) {
                    out.append(r.getString(1)).append('\n');
                }
            }
            dump = out.toString();
            try (ResultSet r = s.executeQuery("SELECT id FROM ballot")) {
                while (r.next()) {
                    ballotIds.add(HexFormat.of().formatHex(r.getBytes(1)));
                }
            }
        }
        assertEquals(21, ballotIds.size());
        assertTrue(dump.contains("INSERT INTO \"PUBLIC\".\"ballot\"") || dump.toLowerCase().contains("ballot"), "the dump is real");
        String output = Files.readString(log);
        String outsideVoteBlock = output.replace(voteBlock(output), "");
        List<String> all = new ArrayList<>(apiCodes);
        all.addAll(demoCodes);
        for (String code : all) {
            for (String form : List.of(code, code.replace("-", ""), code.toLowerCase(), code.replace("-", "").toLowerCase())) {
                assertFalse(dump.contains(form), "the database dump holds a code");
                assertFalse(outsideVoteBlock.contains(form), "the service output holds a code");
            }
        }
        for (String ballotId : ballotIds) {
            assertFalse(output.toLowerCase().contains(ballotId), "the service output holds a ballot id");
        }
        // Issue 11: the keys live apart from the data, and the data and key files are the service user's alone.
        assertFalse(Files.exists(data.resolve("voting-code.key")), "no key in the data directory");
        Path key = keys.resolve("voting-code.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        // The database file itself; files H2 adds later (a trace file, written here by this test's own dump
        // connection) are inside the 0700 directory, so no other user can reach them either.
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("buurtbegroting.mv.db"))));
        String keyText = Files.readString(key, StandardCharsets.US_ASCII).strip();
        assertFalse(dump.contains(keyText), "the key is not in the database");
        assertFalse(output.contains(keyText), "the key is not in the output");
    }

    /**
     * The service's output once the demo has printed its voting block: the codes are printed by a
     * listener that may run just after the server first answers /health.
     */
    private static String demoOutput(Path log) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String output = Files.readString(log);
        while (!output.contains("409 CODE_ALREADY_USED.") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            output = Files.readString(log);
        }
        return output;
    }

    /** The console block that shows the demo codes, on purpose. */
    private static String voteBlock(String output) {
        int start = output.indexOf("==== Voting ====");
        int end = output.indexOf("409 CODE_ALREADY_USED.", start);
        assertTrue(start >= 0 && end > start, output);
        return output.substring(start, end);
    }

    private static List<String> printedCodes(String text) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("^  ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z])$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** The proposals of the printed curl command: a valid choice for the demo election. */
    private static List<String> choiceOf(String output) {
        Matcher m = Pattern.compile("\"projects\":\\[([^\\]]*)\\]").matcher(output);
        assertTrue(m.find());
        List<String> out = new ArrayList<>();
        for (String p : m.group(1).split(",")) {
            out.add(p.replace("\"", "").strip());
        }
        return out;
    }
}
