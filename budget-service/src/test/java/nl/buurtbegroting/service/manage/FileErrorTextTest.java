package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.core.pabulib.PabulibFormatException;
import nl.buurtbegroting.service.pabulib.PabulibService;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;
import nl.buurtbegroting.service.web.Theme;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Pabulib file the reader refuses, as a team reads the refusal beside the file field. */
class FileErrorTextTest {

    final ManageTexts texts = new ManageTexts();

    @Test
    void everyReaderCodeHasATextInBothLanguages() {
        for (PabulibFormatException.ErrorCode code : PabulibFormatException.ErrorCode.values()) {
            for (Lang lang : Lang.values()) {
                assertTrue(texts.find(lang, "pabulib." + code.name()) != null, lang + " pabulib." + code);
            }
        }
    }

    @Test
    void aDutchReaderGetsTheLineTheFieldAndTheReasonInDutch() {
        String file = "META\nkey;value\nbudget;abc\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;100\nVOTES\nvoter_id;vote\n";
        ApiProblem problem = assertThrows(ApiProblem.class,
                () -> PabulibService.read(file.getBytes(StandardCharsets.UTF_8), "wijk.pb"));
        assertEquals("Dit is geen goed Pabulib-bestand: Regel 3, budget: Dit getal kan niet worden gelezen.",
                FilePages.fileError(page(Lang.NL), problem));
        assertTrue(FilePages.fileError(page(Lang.EN), problem).startsWith("This is not a valid Pabulib file. Line 3: "),
                "an English reader keeps the reader's own detail");

        ApiProblem latin1 = assertThrows(ApiProblem.class,
                () -> PabulibService.read("META\nkey;value\nbudget;5\u00e9".getBytes(StandardCharsets.ISO_8859_1), "wijk.pb"));
        assertEquals("Dit is geen goed Pabulib-bestand: Regel 3: Het bestand is niet als UTF-8 opgeslagen. Sla het op als UTF-8 "
                + "en probeer het opnieuw.", FilePages.fileError(page(Lang.NL), latin1));
    }

    private ManagePage page(Lang lang) {
        return new ManagePage(lang, texts, new Messages(), new Theme(), "", "/", null, 30);
    }
}
