package nl.buurtbegroting.service.web;

import java.util.ArrayList;
import java.util.List;

/** Plain-language check: the sentences of a text with 20 words or more. */
final class Sentences {

    static final int MAX_WORDS = 19;

    private Sentences() {
    }

    /**
     * The too-long sentences of a page's main part: headings, list items, table cells, labels and other blocks end
     * a sentence, as they do for a reader.
     */
    static List<String> tooLongInHtml(String html) {
        return tooLongInHtml(html, false);
    }

    /**
     * As {@link #tooLongInHtml(String)}; with {@code ownTextsOnly} the texts written elsewhere are left out: the
     * organisers' proposal summaries ({@code class="summary"}) and budget-core's explanations
     * ({@code class="explanation"}).
     */
    static List<String> tooLongInHtml(String html, boolean ownTextsOnly) {
        int start = html.indexOf("<main");
        int end = html.indexOf("</main>");
        String main = html.substring(start, end);
        if (ownTextsOnly) {
            main = main.replaceAll("(?s)<p class=\"(summary|explanation)\">.*?</p>", "\n");
        }
        main = main
                .replaceAll("(?i)</?(h[1-6]|p|li|dt|dd|th|td|tr|caption|legend|label|button|div|ul|dl|table|pre|fieldset|meter)\\b[^>]*>", "\n");
        List<String> out = new ArrayList<>();
        for (String block : main.split("\n")) {
            out.addAll(tooLong(WebClient.text(block)));
        }
        return out;
    }

    /** Sentences end at . ! ? or : followed by a space or the end; codes, amounts and hashes count as one word. */
    static List<String> tooLong(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : text.split("(?<=[.!?:])\\s+")) {
            String[] words = sentence.strip().split("\\s+");
            if (words.length > MAX_WORDS) {
                out.add(words.length + " words: " + sentence);
            }
        }
        return out;
    }
}
