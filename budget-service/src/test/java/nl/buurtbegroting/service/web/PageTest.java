package nl.buurtbegroting.service.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageTest {

    @Test
    void rightToLeftTextAndDirectionMarksAreIsolatedAndOtherTextIsLeftAsItIs() {
        assertEquals("Speeltuin Oost 🌳 € 1.234", Page.isolate("Speeltuin Oost 🌳 € 1.234"));
        assertEquals("\u2068حديقة للجميع\u2069", Page.isolate("حديقة للجميع"));
        assertEquals("\u2068Tuin שלום\u2069", Page.isolate("Tuin שלום"));
        assertEquals("\u2068Bankje \u202Eomgekeerd\u2069", Page.isolate("Bankje \u202Eomgekeerd"), "an unclosed override");
        assertEquals("", Page.isolate(null));
    }

    @Test
    void aCountOfOneTakesTheSingularTextAndOthersThePlural() {
        Page nl = new Page(Lang.NL, new Messages(), new Theme(), "", "/");
        assertEquals("Er zijn te veel verkeerde codes gestuurd. Probeer het over 1 minuut opnieuw.",
                nl.count("error.TOO_MANY_FAILED_CODES", 1));
        assertEquals("Er zijn te veel verkeerde codes gestuurd. Probeer het over 15 minuten opnieuw.",
                nl.count("error.TOO_MANY_FAILED_CODES", 15));
        assertEquals("Kies hoogstens 1.000 plannen.", nl.count("violation.TOO_MANY_PROJECTS", 1000));
        Page en = new Page(Lang.EN, new Messages(), new Theme(), "", "/");
        assertEquals("Choose at most one plan.", en.count("vote.hint.APPROVAL.max", 1));
        assertEquals("Choose as many plans as you like.", en.count("vote.hint.APPROVAL", 1), "a key without a singular form");
    }
}
