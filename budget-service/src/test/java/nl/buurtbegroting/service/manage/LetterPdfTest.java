package nl.buurtbegroting.service.manage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterPdfTest {

    @Test
    void onePagePerCodeWithTheCodeInTheQrFragmentAndInPrint() throws Exception {
        List<LetterPdf.Letter> letters = List.of(
                new LetterPdf.Letter("S7FN-Z33E-EPP4-AVMK-Y", "https://stem.example.nl/vote/7#S7FN-Z33E-EPP4-AVMK-Y"),
                new LetterPdf.Letter("CQTG-2P6S-GWDZ-5JQK-0", "https://stem.example.nl/vote/7#CQTG-2P6S-GWDZ-5JQK-0"));
        byte[] pdf = LetterPdf.render(new LetterPdf.Texts("Gemeente Assen", "Buurtbudget Oost 2026",
                "Beste bewoner,\nU mag meebeslissen. Ça va, “quotes” and 中文 that the font cannot show.",
                "Uw persoonlijke stemcode", "Scan de QR-code.", "Codes voor Oost, reeks 1"), letters);

        List<Letters.Page> pages = Letters.read(pdf, Path.of("target/screenshots"));

        assertEquals(2, pages.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(letters.get(i).url(), pages.get(i).qr());
            assertTrue(pages.get(i).text().contains(letters.get(i).code()), pages.get(i).text());
            assertTrue(pages.get(i).text().contains("Gemeente Assen"));
            assertTrue(pages.get(i).text().contains("Ça va, “quotes” and ?? that"), pages.get(i).text());
        }
    }
}
