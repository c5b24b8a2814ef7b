package nl.buurtbegroting.service.manage;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The printable letters of a code batch: one A4 page per code with the municipality's name, the letter's text,
 * the code in large type and a QR code that opens the vote page with the code in the fragment (so the code
 * never reaches a server log through the address). Made in memory for one answer and never stored. The QR
 * code is drawn as vector squares (no image), so it prints sharp at any size; text uses the PDF standard
 * fonts, and a character they cannot show is printed as "?" rather than failing the batch.
 */
final class LetterPdf {

    /** Letters are for print runs a team handles by hand; larger batches go to a print shop as CSV. */
    static final int MAX_LETTERS = 5000;

    /** One letter's content. */
    record Letter(String code, String url) {
    }

    /** The text around the code, in the reader's language. */
    record Texts(String municipality, String election, String body, String codeLabel, String scanLabel, String batch) {
    }

    private LetterPdf() {
    }

    static byte[] render(Texts texts, List<Letter> letters) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Letter letter : letters) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                float w = page.getMediaBox().getWidth();
                float h = page.getMediaBox().getHeight();
                float left = 64;
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    float y = h - 80;
                    y = text(s, bold, 16, left, y, texts.municipality());
                    y = text(s, regular, 12, left, y - 6, texts.election());
                    y -= 24;
                    for (String paragraph : texts.body().split("\\R")) {
                        for (String line : wrap(regular, 12, paragraph, w - 2 * left)) {
                            y = text(s, regular, 12, left, y, line);
                        }
                        y -= 6;
                    }
                    y -= 24;
                    y = text(s, bold, 13, left, y, texts.codeLabel());
                    y = text(s, mono, 30, left, y - 14, letter.code());
                    y -= 36;
                    float size = 170;
                    qr(s, letter.url(), left, y - size, size);
                    float textY = y - 12;
                    for (String line : wrap(regular, 11, texts.scanLabel(), w - left - size - 24 - left)) {
                        textY = text(s, regular, 11, left + size + 24, textY, line);
                    }
                    for (String line : chunks(letter.url(), 40)) {
                        textY = text(s, regular, 9, left + size + 24, textY - 2, line);
                    }
                    text(s, regular, 8, left, 40, texts.batch());
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one line; returns the baseline of the next. */
    private static float text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String line)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(printable(font, line));
        s.endText();
        return y - size * 1.35f;
    }

    /** The QR code as filled squares, one run of dark modules per rectangle. */
    private static void qr(PDPageContentStream s, String url, float x, float y, float size) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException("the vote address does not fit a QR code", e);
        }
        float cell = size / m.getWidth();
        for (int row = 0; row < m.getHeight(); row++) {
            int col = 0;
            while (col < m.getWidth()) {
                if (!m.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row)) {
                    col++;
                }
                s.addRect(x + start * cell, y + size - (row + 1) * cell, (col - start) * cell, cell);
            }
        }
        s.fill();
    }

    static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && font.getStringWidth(printable(font, candidate)) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> chunks(String s, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += n) {
            out.add(s.substring(i, Math.min(s.length(), i + n)));
        }
        return out;
    }

    /**
     * The characters of {@code text} that the letters' font cannot print (emoji, Arabic, Chinese...), each once, at
     * most ten: the page names them before any code is made, so no batch is printed with "?" in the team's text.
     */
    static List<String> unprintable(String text) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        List<String> out = new ArrayList<>();
        text.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (out.size() < 10 && !out.contains(ch) && "?".equals(printable(regular, ch)) && cp != '?') {
                out.add(ch);
            }
        });
        return out;
    }

    /** The text with every character the standard font cannot encode replaced by "?". */
    static String printable(PDType1Font font, String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(Character.isISOControl(cp) ? " " : ch);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }
}
