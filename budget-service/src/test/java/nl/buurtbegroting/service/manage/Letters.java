package nl.buurtbegroting.service.manage;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a letters PDF back as a person with a phone would: each page rendered, its QR code decoded, its text. */
final class Letters {

    /** One page: the QR code's content and the page's text. */
    record Page(String qr, String text) {
    }

    private Letters() {
    }

    static List<Page> read(byte[] pdf, Path pngDir) throws IOException, com.google.zxing.ChecksumException,
            com.google.zxing.FormatException, NotFoundException {
        List<Page> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, 100, ImageType.RGB);
                if (pngDir != null && i == 0) {
                    Files.createDirectories(pngDir);
                    ImageIO.write(image, "png", pngDir.resolve("letter-page-1.png").toFile());
                }
                int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
                String qr = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                stripper.setStartPage(i + 1);
                stripper.setEndPage(i + 1);
                pages.add(new Page(qr, stripper.getText(doc)));
            }
        }
        return pages;
    }
}
