package nl.buurtbegroting.service.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void samePasswordGetsADifferentSaltedHashEachTime() {
        String first = hasher.hash("correct horse battery".toCharArray());
        String second = hasher.hash("correct horse battery".toCharArray());

        assertNotEquals(first, second);
        assertTrue(first.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), first);
        assertTrue(hasher.matches("correct horse battery".toCharArray(), first));
        assertTrue(hasher.matches("correct horse battery".toCharArray(), second));
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        String stored = hasher.hash("correct horse battery".toCharArray());
        assertFalse(hasher.matches("correct horse batterY".toCharArray(), stored));
        assertFalse(hasher.matches(new char[0], stored));
    }

    @Test
    void storedIterationCountIsUsedSoItCanBeRaisedLater() {
        String old = hasher.hash("een lang wachtwoord".toCharArray());
        PasswordHasher stronger = new PasswordHasher(5000);

        assertTrue(stronger.matches("een lang wachtwoord".toCharArray(), old));
        assertEquals("5000", stronger.hash("x".toCharArray()).split("\\$")[1]);
    }

    @Test
    void malformedStoredValueNeverMatches() {
        for (String stored : new String[]{null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$1000$!!$??"}) {
            assertFalse(hasher.matches("anything".toCharArray(), stored), String.valueOf(stored));
        }
    }

    @Test
    void refusesAWeakIterationCount() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10));
    }
}
