package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;
import nl.buurtbegroting.service.web.Theme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManageTextsTest {

    final ManageTexts texts = new ManageTexts();

    @Test
    void dutchAndEnglishHaveTheSameKeys() {
        assertEquals(new TreeSet<>(texts.keys(Lang.NL)), new TreeSet<>(texts.keys(Lang.EN)));
    }

    @Test
    void everyLiteralKeyInTheManageTemplatesAndPagesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        Pattern key = Pattern.compile("(?:page\\.(?:t|lower|has)\\(\"([a-zA-Z][\\w-]*\\.[\\w.-]*)\")|\"([a-z]+\\.(?:[a-z]+\\.)?(?:title|newTitle|editTitle|text))\"");
        var common = new nl.buurtbegroting.service.web.Messages();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/jte/manage")),
                Files.walk(Path.of("src/main/java/nl/buurtbegroting/service/manage")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    String k = m.group(1) != null ? m.group(1) : m.group(2);
                    seen.add(k);
                    if (k.endsWith(".")) {
                        continue;
                    }
                    for (Lang lang : Lang.values()) {
                        if (texts.find(lang, k) == null && !common.has(lang, k)) {
                            missing.add(lang.tag() + ":" + k + " (" + f.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertTrue(seen.size() > 150, "the scan finds the keys in use: " + seen.size());
        assertTrue(seen.contains("home.title") && seen.contains("csrf.title"), "titles and notices too");
        assertTrue(missing.isEmpty(), "missing texts: " + missing);
    }

    @Test
    void theTallySummaryCountsOnePlanAndOneVoteInTheSingular() {
        ManagePage nl = new ManagePage(Lang.NL, texts, new Messages(), new Theme(), "", "/", null, 30);
        ManagePage en = new ManagePage(Lang.EN, texts, new Messages(), new Theme(), "", "/", null, 30);
        assertEquals("1 plan krijgt geld: € 10 van € 20.", nl.count("tally.summary", 1, "€ 10", "€ 20"));
        assertEquals("3 plannen krijgen geld: € 10 van € 20.", nl.count("tally.summary", 3, "€ 10", "€ 20"));
        assertEquals("Er is 1 stem geteld.", nl.count("tally.votes", 1));
        assertEquals("Er zijn 1.200 stemmen geteld.", nl.count("tally.votes", 1200));
        assertEquals("1 proposal gets money: € 10 of € 20.", en.count("tally.summary", 1, "€ 10", "€ 20"));
        assertEquals("1 vote was counted.", en.count("tally.votes", 1));
    }
}
