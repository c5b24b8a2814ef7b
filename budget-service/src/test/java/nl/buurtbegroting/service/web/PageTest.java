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
}
