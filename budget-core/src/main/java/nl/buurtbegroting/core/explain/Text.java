package nl.buurtbegroting.core.explain;

import java.util.ArrayList;
import java.util.List;

/** A headline and the sentences of the body, before they are joined. */
record Text(String headline, List<String> sentences) {

    Text {
        sentences = List.copyOf(sentences);
    }

    static Text of(String headline, String... sentences) {
        List<String> list = new ArrayList<>();
        for (String s : sentences) {
            if (s != null && !s.isEmpty()) {
                list.add(s);
            }
        }
        return new Text(headline, list);
    }

    Text plus(String sentence) {
        if (sentence == null || sentence.isEmpty()) {
            return this;
        }
        List<String> list = new ArrayList<>(sentences);
        list.add(sentence);
        return new Text(headline, list);
    }

    String body() {
        return String.join(" ", sentences);
    }
}
