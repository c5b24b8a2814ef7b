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

    private static String html(gg.jte.Content content) {
        gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
        content.writeTo(out);
        return out.toString();
    }

    @Test
    void theTeamsTextInASentenceIsMarkedWithItsLanguageOnlyOnPagesInTheOtherOne() {
        Page en = new Page(Lang.EN, new Messages(), new Theme(), "", "/");
        assertEquals("nl", en.typedLang());
        assertEquals("Thank you. Your vote for <span lang=\"nl\">Plan &lt;b&gt; &amp; &quot;co&quot;</span> counts.",
                html(en.tm("receipt.lead", Page.typed("Plan <b> & \"co\""))));
        Page nl = new Page(Lang.NL, new Messages(), new Theme(), "", "/");
        assertEquals(null, nl.typedLang());
        assertEquals("Dank u wel. Uw stem voor Buurtbudget Oost telt mee.", html(nl.tm("receipt.lead", Page.typed("Buurtbudget Oost"))));
        Theme english = new Theme();
        english.setContentLanguage("en");
        Page nlOfEnglish = new Page(Lang.NL, new Messages(), english, "", "/");
        assertEquals("en", nlOfEnglish.typedLang());
        assertEquals("Dank u wel. Uw stem voor <span lang=\"en\">\u2068حديقة\u2069</span> telt mee.",
                html(nlOfEnglish.tm("receipt.lead", Page.typed("حديقة"))));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> english.setContentLanguage("fr"));
    }
}
