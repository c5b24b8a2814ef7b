package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import nl.buurtbegroting.core.model.VoteType;
import org.junit.jupiter.api.Test;

/**
 * The direct reader of ballots.json against the general one (parse, prove canonical, read through Fields): on
 * every file it accepts, the general reader accepts it too with the same ballots, and its leaf hashes are the
 * ballots' own. Files come from the builder and from single-byte edits of them (the edits a tamperer or a
 * careless tool makes: a digit, a sign, a comma, a quote, a backslash, a space).
 */
class BallotsFileTest {

    private static final String[] PLAIN_IDS = {"1", "12", "p001", "p-2", "a.b_c", "z", "", "A", "0"};
    private static final String[] ODD_IDS = {"caf\u00e9", "q\"uote", "back\\slash", "tab\t"};
    private static final long[] POINTS = {0, 1, 7, 10, -3, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
    private static final byte[] EDITS = "0123456789-,]}[{\" \\a".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsEveryBuilderFileOfPlainIdsLikeTheGeneralReader() {
        for (VoteType type : List.of(VoteType.APPROVAL, VoteType.CUMULATIVE, VoteType.ORDINAL, VoteType.CHOOSE_ONE)) {
            for (long seed = 0; seed < 40; seed++) {
                byte[] file = BundleBuilder.ballotsFile(ballots(type, new SplittableRandom(seed), PLAIN_IDS));
                BallotsFile.Read plain = BallotsFile.readPlain(file, type);
                assertNotNull(plain, type + " seed " + seed);
                assertSameAsGeneral(file, type, plain);
            }
        }
    }

    @Test
    void leavesOtherFilesToTheGeneralReader() {
        byte[] odd = BundleBuilder.ballotsFile(ballots(VoteType.APPROVAL, new SplittableRandom(1), ODD_IDS));
        assertNull(BallotsFile.readPlain(odd, VoteType.APPROVAL));
        assertNotNull(general(odd, VoteType.APPROVAL));
        byte[] cumulative = BundleBuilder.ballotsFile(ballots(VoteType.CUMULATIVE, new SplittableRandom(2), PLAIN_IDS));
        assertNull(BallotsFile.readPlain(cumulative, VoteType.APPROVAL), "points in an approval file");
        for (String text : List.of("{\"ballots\":[]}", "{\"ballots\":[]}\n\n", "{\"ballots\":[] }\n",
                "{\"ballots\":[{\"nonce\":\"" + nonce(0) + "\",\"points\":[-0],\"projects\":[\"a\"]}]}\n",
                "{\"ballots\":[{\"nonce\":\"" + nonce(0) + "\",\"points\":[01],\"projects\":[\"a\"]}]}\n",
                "{\"ballots\":[{\"nonce\":\"" + nonce(0) + "\",\"points\":[1,],\"projects\":[\"a\"]}]}\n",
                "{\"ballots\":[{\"nonce\":\"" + nonce(0) + "\",\"points\":[9223372036854775808],\"projects\":[\"a\"]}]}\n")) {
            assertNull(BallotsFile.readPlain(text.getBytes(StandardCharsets.US_ASCII), VoteType.CUMULATIVE), text);
        }
    }

    @Test
    void acceptsNoEditedFileTheGeneralReaderRefusesOrReadsOtherwise() {
        SplittableRandom r = new SplittableRandom(2026);
        for (VoteType type : List.of(VoteType.APPROVAL, VoteType.CUMULATIVE, VoteType.ORDINAL)) {
            for (int round = 0; round < 60; round++) {
                List<CanonicalBallot> all = ballots(type, r, PLAIN_IDS);
                List<CanonicalBallot> ballots = all.subList(0, Math.min(all.size(), 1 + r.nextInt(3)));
                byte[] file = BundleBuilder.ballotsFile(ballots);
                for (int pos = 0; pos < file.length; pos++) {
                    byte e = EDITS[r.nextInt(EDITS.length)];
                    check(replace(file, pos, e), type);
                    check(insert(file, pos, e), type);
                    check(delete(file, pos), type);
                }
            }
        }
    }

    private static void check(byte[] file, VoteType type) {
        BallotsFile.Read plain = BallotsFile.readPlain(file, type);
        if (plain != null) {
            assertSameAsGeneral(file, type, plain);
        }
    }

    private static void assertSameAsGeneral(byte[] file, VoteType type, BallotsFile.Read plain) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        List<CanonicalBallot> general = general(file, type);
        assertNotNull(general, "the general reader refuses what the direct one read: " + text);
        assertEquals(general, plain.ballots(), text);
        assertEquals(general.stream().map(CanonicalBallot::leafHash).toList(), plain.leaves(), text);
    }

    /** The general way, as ParsedBundle reads a file it cannot read directly; null where it finds a fault. */
    private static List<CanonicalBallot> general(byte[] file, VoteType type) {
        try {
            Fields f = Fields.of(AuditBundle.BALLOTS, "$", CanonicalJson.readFile(AuditBundle.BALLOTS, file));
            List<CanonicalBallot> out = new ArrayList<>();
            for (Fields b : f.objects("ballots")) {
                out.add(CanonicalBallot.fromJson(b, type));
            }
            f.done();
            return out;
        } catch (BundleFormatException e) {
            return null;
        }
    }

    private static List<CanonicalBallot> ballots(VoteType type, SplittableRandom r, String[] ids) {
        List<CanonicalBallot> out = new ArrayList<>();
        int n = 1 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            TreeSet<String> chosen = new TreeSet<>();
            int k = type == VoteType.CHOOSE_ONE ? r.nextInt(2) : r.nextInt(5);
            while (chosen.size() < k) {
                chosen.add(ids[r.nextInt(ids.length)]);
            }
            List<String> projects = new ArrayList<>(chosen);
            if (type == VoteType.ORDINAL) {
                java.util.Collections.shuffle(projects, new java.util.Random(r.nextLong()));
            }
            List<Long> points = null;
            if (type == VoteType.CUMULATIVE) {
                points = new ArrayList<>();
                for (int j = 0; j < projects.size(); j++) {
                    points.add(POINTS[r.nextInt(POINTS.length)]);
                }
            }
            out.add(new CanonicalBallot(nonce(out.size() + 100 * r.nextInt(1000)), projects, points));
        }
        return out;
    }

    private static String nonce(int i) {
        return CanonicalBallot.derivedNonce("ballots-file-test", i);
    }

    private static byte[] replace(byte[] file, int pos, byte b) {
        byte[] out = file.clone();
        out[pos] = b;
        return out;
    }

    private static byte[] insert(byte[] file, int pos, byte b) {
        byte[] out = new byte[file.length + 1];
        System.arraycopy(file, 0, out, 0, pos);
        out[pos] = b;
        System.arraycopy(file, pos, out, pos + 1, file.length - pos);
        return out;
    }

    private static byte[] delete(byte[] file, int pos) {
        byte[] out = new byte[file.length - 1];
        System.arraycopy(file, 0, out, 0, pos);
        System.arraycopy(file, pos + 1, out, pos, file.length - pos - 1);
        return out;
    }
}
