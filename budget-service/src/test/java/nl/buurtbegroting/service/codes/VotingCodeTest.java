package nl.buurtbegroting.service.codes;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VotingCodeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void printsSeventeenSymbolsInGroupsOfFour() {
        VotingCode code = VotingCode.random(RANDOM);
        assertEquals(17, code.canonical().length());
        assertTrue(code.printed().matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]"),
                code.printed());
    }

    @Test
    void readsWhatItPrints() throws InvalidCodeException {
        for (int i = 0; i < 1000; i++) {
            VotingCode code = VotingCode.random(RANDOM);
            assertEquals(code, VotingCode.parse(code.printed()));
            assertEquals(code.canonical(), VotingCode.parse(code.canonical()).canonical());
        }
    }

    @Test
    void forgivesCaseSpacesHyphensAndLookalikes() throws InvalidCodeException {
        VotingCode code = VotingCode.fromData(new int[] {1, 0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertEquals("1010-2345-6789-ABCD-" + code.canonical().charAt(16), code.printed());
        String typed = " i o l O 2345 6789-abcd-" + Character.toLowerCase(code.canonical().charAt(16)) + " ";
        assertEquals(code, VotingCode.parse(typed));
    }

    @Test
    void tellsMalformedFromTypo() {
        VotingCode code = VotingCode.random(RANDOM);
        String c = code.canonical();
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf(c.substring(1)));
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf(c + "0"));
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf("U" + c.substring(1)));
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf(c.substring(0, 16) + "!"));
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf(""));
        assertEquals(CodeProblem.CODE_MALFORMED, problemOf(null));
        char other = c.charAt(3) == '7' ? '8' : '7';
        assertEquals(CodeProblem.CODE_TYPO, problemOf(c.substring(0, 3) + other + c.substring(4)));
    }

    /**
     * The acceptance check of issue 6: over 1,000 random codes, every substitution of one symbol by any
     * other of the 32 and every swap of two different neighbours (check symbol included) is refused.
     */
    @Test
    void checkSymbolCatchesEverySingleSubstitutionAndNeighbourSwap() throws InvalidCodeException {
        long substitutions = 0;
        long swaps = 0;
        for (int n = 0; n < 1000; n++) {
            char[] code = VotingCode.random(RANDOM).canonical().toCharArray();
            for (int i = 0; i < code.length; i++) {
                char original = code[i];
                for (char s : Crockford.ALPHABET.toCharArray()) {
                    if (s == original) {
                        continue;
                    }
                    code[i] = s;
                    assertEquals(CodeProblem.CODE_TYPO, problemOf(new String(code)));
                    substitutions++;
                }
                code[i] = original;
            }
            for (int i = 0; i + 1 < code.length; i++) {
                if (code[i] == code[i + 1]) {
                    continue;
                }
                swap(code, i);
                assertEquals(CodeProblem.CODE_TYPO, problemOf(new String(code)));
                swaps++;
                swap(code, i);
            }
            VotingCode.parse(new String(code));
        }
        assertEquals(1000L * 17 * 31, substitutions);
        assertTrue(swaps > 1000L * 15, "swaps tested: " + swaps);
    }

    @Test
    void quasigroupIsTotallyAntiSymmetric() {
        // The property behind the proof, checked over the whole field: (c∘x)∘y = (c∘y)∘x only if x = y.
        for (int c = 0; c < 32; c++) {
            for (int x = 0; x < 32; x++) {
                for (int y = 0; y < 32; y++) {
                    int xy = op(op(c, x), y);
                    int yx = op(op(c, y), x);
                    if (x != y) {
                        assertNotEquals(xy, yx);
                    }
                }
            }
        }
    }

    @Test
    void codesAreDistinctAndUseEverySymbol() {
        Set<String> seen = new HashSet<>();
        Set<Character> symbols = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String c = VotingCode.random(RANDOM).canonical();
            assertTrue(seen.add(c));
            for (char ch : c.toCharArray()) {
                symbols.add(ch);
            }
        }
        assertEquals(32, symbols.size());
    }

    @Test
    void neverShowsItselfInToString() {
        VotingCode code = VotingCode.random(RANDOM);
        assertFalse(code.toString().contains(code.canonical()));
        assertFalse(code.toString().contains(code.printed()));
    }

    @Test
    void hashesDependOnKeyAndLabel() {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        new Random(1).nextBytes(k1);
        new Random(2).nextBytes(k2);
        VotingCode code = VotingCode.random(RANDOM);
        CodeHasher a = new CodeHasher(k1);
        CodeHasher b = new CodeHasher(k2);
        assertTrue(CodeHasher.sameSecret(a.hash(code), a.hash(code)));
        assertFalse(CodeHasher.sameSecret(a.hash(code), b.hash(code)));
        assertFalse(CodeHasher.sameSecret(a.derive("x", code, "s"), a.derive("y", code, "s")));
        assertFalse(CodeHasher.sameSecret(a.derive("x", code, "s"), a.derive("x", code, "t")));
        assertEquals(32, a.hash(code).length);
        assertThrows(IllegalArgumentException.class, () -> new CodeHasher(new byte[16]));
    }

    private static int op(int x, int y) {
        return Crockford.times2(x) ^ y;
    }

    private static void swap(char[] code, int i) {
        char t = code[i];
        code[i] = code[i + 1];
        code[i + 1] = t;
    }

    private static CodeProblem problemOf(String typed) {
        try {
            VotingCode.parse(typed);
            return null;
        } catch (InvalidCodeException e) {
            return e.problem();
        }
    }
}
