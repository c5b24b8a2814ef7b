package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.proposal.Verdict;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;
import nl.buurtbegroting.service.web.Theme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProposalImportTest {

    final ManagePage page = new ManagePage(Lang.NL, new ManageTexts(), new Messages(), new Theme(), "", "/", null, 30);

    @Test
    void readsQuotedCellsAnyColumnOrderAndDutchSemicolons() {
        var parsed = ProposalImport.parse("cost;title;verdict;publicReason\r\n12.000;\"Bankjes; groen\";eligible;\n"
                + "80000;Fontein;INELIGIBLE;\"Te duur, zegt \"\"de raad\"\"\"\n", page);
        assertTrue(parsed.ok(), parsed.toString());
        assertEquals(2, parsed.rows().size());
        var first = parsed.rows().get(0).request();
        assertEquals("Bankjes; groen", first.title());
        assertEquals(12_000L, first.cost());
        assertEquals(Verdict.ELIGIBLE, first.verdict());
        assertNull(first.code(), "no code: the service gives the next number");
        assertEquals("Te duur, zegt \"de raad\"", parsed.rows().get(1).request().publicReason());
    }

    @Test
    void namesEveryWrongLineAndColumnAndImportsNothingThen() {
        var parsed = ProposalImport.parse("code,title,cost,verdict\nA,Bankjes,veel,\nA,Speeltuin,30000,MISSCHIEN\n"
                + "b c,,0,INELIGIBLE\n", page);
        assertFalse(parsed.ok());
        List<String> errors = parsed.rows().stream().flatMap(r -> r.errors().stream()).toList();
        assertEquals(List.of(
                "Regel 2, kolom cost: Kosten: vul een bedrag in hele euro's in, zonder komma en centen. Bijvoorbeeld 1234.",
                "Regel 3, kolom code: Dit nummer heeft al een ander plan.",
                "Regel 3, kolom verdict: Schrijf PENDING, ELIGIBLE of INELIGIBLE.",
                "Regel 4, kolom code: Een nummer heeft alleen letters, cijfers, punt, streep en liggend streepje.",
                "Regel 4, kolom title: Vul titel in, hoogstens 200 tekens.",
                "Regel 4, kolom cost: Kosten: vul een getal in van 1 tot en met 1.000.000.000.000.",
                "Regel 4, kolom publicReason: Een plan dat niet is toegelaten heeft een openbare reden nodig."), errors);
        assertTrue(parsed.rows().stream().allMatch(r -> r.errors().isEmpty() == (r.request() != null)));
    }

    @Test
    void aCodeTheElectionHasAlreadyOrACategoryItLacksIsNamedOnItsLine() {
        var parsed = ProposalImport.parse("code,title,cost,category\nb,Tweede,200,groen\na,Dubbel,300,jeugd\n", page,
                java.util.Set.of("a"), java.util.Set.of("groen"));
        assertFalse(parsed.ok());
        assertEquals(List.of("Regel 3, kolom code: Dit nummer heeft al een ander plan.",
                "Regel 3, kolom category: Een plan heeft een categorie die de verkiezing niet heeft."),
                parsed.rows().stream().flatMap(r -> r.errors().stream()).toList());
    }

    @Test
    void aFileWithoutTitleAndCostColumnsOrWithoutRowsIsRefusedAsAWhole() {
        assertEquals(List.of("De eerste regel moet de kolommen noemen, met minstens title en cost. Mogelijk zijn: "
                + "code,title,summary,cost,category,verdict,publicReason."),
                ProposalImport.parse("naam,bedrag\nBankjes,100\n", page).fileErrors());
        assertEquals(List.of("Er staan geen plannen in de lijst."), ProposalImport.parse("title,cost\n\n", page).fileErrors());
        assertEquals(List.of("Er staan geen plannen in de lijst."), ProposalImport.parse("", page).fileErrors());
    }
}
