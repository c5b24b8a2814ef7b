package nl.buurtbegroting.service.web;

import nl.buurtbegroting.core.audit.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published result as the result page shows it, read from the public result the API serves (so both
 * always agree): funded and unfunded projects with the explanation in the reader's language (written by
 * budget-core's {@code Explainer} at tally time), the budget, turnout and how to verify.
 */
public record ResultPage(long electionId, String name, String neighbourhood, String currency, long budget, long totalCost,
                         String rule, List<Row> funded, List<Row> unfunded, long maxSupport, long maxCost,
                         Turnout turnout, String councilDecision, String bundleUrl, String bundleSha256, long bundleSize,
                         String keyId, String fingerprint) {

    /** One project: its figures and the explanation's headline and sentences. */
    public record Row(String id, String title, long cost, long support, boolean funded, String headline, String body) {
    }

    /** Ballots per channel and codes per batch. */
    public record Turnout(long ballots, long online, long paper, long codesIssued, long codesUsed, List<Batch> batches) {
    }

    public record Batch(String label, long issued, long used) {
    }

    @SuppressWarnings("unchecked")
    public static ResultPage of(String json, Lang lang) {
        Map<String, Object> m = (Map<String, Object>) CanonicalJson.readLenient("result", json.getBytes(StandardCharsets.UTF_8));
        List<Row> funded = new ArrayList<>();
        List<Row> unfunded = new ArrayList<>();
        long maxSupport = 0;
        long maxCost = 0;
        for (Object o : (List<Object>) m.get("projects")) {
            Map<String, Object> p = (Map<String, Object>) o;
            Map<String, Object> ex = (Map<String, Object>) ((Map<String, Object>) p.get("explanation")).get(lang.tag());
            Row row = new Row(str(p.get("id")), str(p.get("title")), num(p.get("cost")), num(p.get("support")),
                    Boolean.TRUE.equals(p.get("funded")), str(ex.get("headline")), str(ex.get("body")));
            (row.funded() ? funded : unfunded).add(row);
            maxSupport = Math.max(maxSupport, row.support());
            maxCost = Math.max(maxCost, row.cost());
        }
        Map<String, Object> t = (Map<String, Object>) m.get("turnout");
        Map<String, Object> channels = (Map<String, Object>) t.getOrDefault("byChannel", Map.of());
        List<Batch> batches = new ArrayList<>();
        for (Object o : (List<Object>) t.getOrDefault("codeBatches", List.of())) {
            Map<String, Object> b = (Map<String, Object>) o;
            batches.add(new Batch(str(b.get("batch")), num(b.get("issued")), num(b.get("used"))));
        }
        Turnout turnout = new Turnout(num(t.get("ballots")), num(channels.get("online")), num(channels.get("paper")),
                num(t.get("codesIssued")), num(t.get("codesUsed")), batches);
        Map<String, Object> bundle = (Map<String, Object>) m.getOrDefault("auditBundle", Map.of());
        Map<String, Object> key = (Map<String, Object>) m.getOrDefault("signingKey", Map.of());
        return new ResultPage(num(m.get("electionId")), str(m.get("name")), str(m.get("neighbourhood")), str(m.get("currency")),
                num(m.get("budget")), num(m.get("totalCost")), str(m.get("rule")), funded, unfunded, maxSupport, maxCost,
                turnout, str(m.get("councilDecision")), str(bundle.get("url")), str(bundle.get("sha256")), num(bundle.get("size")),
                str(key.get("keyId")), str(key.get("fingerprint")));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s && !s.isEmpty()) {
            try {
                return new java.math.BigDecimal(s).longValue();
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** A bar's width out of 100 for the chart (an SVG attribute, not a style: the page has no inline style). */
    public long supportWidth(Row r) {
        return maxSupport == 0 || r.support() == 0 ? 0 : Math.max(1, r.support() * 100 / maxSupport);
    }

    public long costWidth(Row r) {
        return maxCost == 0 || r.cost() == 0 ? 0 : Math.max(1, r.cost() * 100 / maxCost);
    }

    public List<Row> all() {
        List<Row> all = new ArrayList<>(funded);
        all.addAll(unfunded);
        return all;
    }
}
