package nl.buurtbegroting.service.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {

    private final Messages messages = new Messages();

    @Test
    void everyTextExistsInDutchAndInEnglish() {
        assertEquals(new TreeSet<>(messages.keys(Lang.NL)), new TreeSet<>(messages.keys(Lang.EN)));
        assertTrue(messages.keys(Lang.NL).size() > 150, "the bundles hold the pages' texts");
    }

    @Test
    void everyDutchSentenceHasFewerThanTwentyWords() {
        List<String> tooLong = new ArrayList<>();
        for (String key : new TreeSet<>(messages.keys(Lang.NL))) {
            Sentences.tooLong(messages.get(Lang.NL, key)).forEach(s -> tooLong.add(key + ": " + s));
        }
        assertEquals(List.of(), tooLong);
    }

    @Test
    void everyErrorAResidentCanMeetWhileVotingHasATextInBothLanguages() {
        for (String code : List.of("CODE_MALFORMED", "CODE_TYPO", "UNKNOWN_CODE", "CODE_ALREADY_USED", "ELECTION_NOT_OPEN",
                "TOO_MANY_FAILED_CODES", "INVALID_BALLOT", "ELECTION_NOT_FOUND")) {
            for (Lang lang : Lang.values()) {
                assertTrue(messages.has(lang, "error." + code), lang + " error." + code);
            }
        }
        for (var v : nl.buurtbegroting.core.validation.ViolationCode.values()) {
            assertTrue(messages.has(Lang.NL, "violation." + v.name()), "violation." + v.name());
        }
    }

    @Test
    void placeholdersAreFilledAndApostrophesKept() {
        assertEquals("Kies minstens 3 plannen.", messages.get(Lang.NL, "violation.TOO_FEW_PROJECTS", 3));
        assertEquals("How the decision is made", messages.get(Lang.EN, "election.ruleHeading"));
        assertEquals("no.such.key", messages.get(Lang.NL, "no.such.key"));
    }

    @Test
    void anArgumentThatLooksLikeAPlaceholderIsShownAsTyped() {
        // A name typed by an organiser, "{1}" and all, is never filled with the next argument.
        assertEquals("Kies hoe € 10 voor Wijk {1} {0} wordt besteed.",
                messages.get(Lang.NL, "vote.lead", "Wijk {1} {0}", "€ 10"));
        assertEquals("{0} van {1} gekozen", Messages.fill("{0} van {1} gekozen"));
        assertEquals("a {9} b {x} {", Messages.fill("{0} {9} b {x} {", "a"));
    }
}
