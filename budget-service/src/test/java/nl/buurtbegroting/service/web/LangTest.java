package nl.buurtbegroting.service.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LangTest {

    @Test
    void dutchUnlessTheResidentChoseOrTheBrowserPrefersEnglish() {
        assertEquals(Lang.NL, Lang.of(null, null));
        assertEquals(Lang.EN, Lang.of(null, "en-US,en;q=0.9"));
        assertEquals(Lang.NL, Lang.of(null, "de-DE,nl;q=0.8,en;q=0.5"));
        assertEquals(Lang.EN, Lang.of(null, "fr, en;q=0.9, nl;q=0.2"));
        assertEquals(Lang.NL, Lang.of(null, "fr, de"));
        assertEquals(Lang.NL, Lang.of("nl", "en"), "the resident's choice wins over the browser's");
        assertEquals(Lang.EN, Lang.of("en", null));
        assertEquals(Lang.NL, Lang.of("<script>", "xx;q=abc"));
    }
}
