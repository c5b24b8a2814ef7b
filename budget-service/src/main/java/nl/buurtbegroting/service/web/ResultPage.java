package nl.buurtbegroting.service.web;

import nl.buurtbegroting.core.audit.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published result as the result page shows it, read from the public result the API serves (so both
 * always agree): funded and unfunded projects with the explanation in the reader's language (written by
 * budget-core's {@code Explainer} at tally time), the budget, turnout and how to verify. The projects are shown
 * {@link #PAGE_SIZE} at a time (funded first), so an election of 5,000 proposals stays a page a phone can open;
 * the totals, turnout and how to verify are on every page.
 */
public record ResultPage(long electionId, String name, String neighbourhood, String currency, long budget, long totalCost,
                         String rule, List<Row> funded, List<Row> unfunded, long maxSupport, long maxCost,
                         Turnout turnout, String councilDecision, String bundleUrl, String bundleSha256, long bundleSize,
                         String keyId, String fingerprint, int page) {

    /** Projects per page of the public result page. */
    public static final int PAGE_SIZE = 50;

    /** One project: its figures and the explanation's headline and sentences. */
    public record Row(String id, String title, long cost, long support, boolean funded, String headline, String body) {
    }

    /** Ballots per channel and codes per batch. */
    public record Turnout(long ballots, long online, long paper, long codesIssued, long codesUsed, List<Batch> batches) {
    }

    public record Batch(String label, long issued, long used) {
    }

    /** The whole tally or result (JSON) on one page, as staff review it. */
    @SuppressWarnings("unchecked")
    public static ResultPage of(String json, Lang lang) {
        return of((Map<String, Object>) CanonicalJson.readLenient("result", json.getBytes(StandardCharsets.UTF_8)), lang, 1);
    }

    /** Page {@code page} (from 1) of a parsed result document. */
    @SuppressWarnings("unchecked")
    public static ResultPage of(Map<String, Object> m, Lang lang, int page) {
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
                str(key.get("keyId")), str(key.get("fingerprint")), page);
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

    /** The same result showing page {@code page}. */
    public ResultPage at(int page) {
        return new ResultPage(electionId, name, neighbourhood, currency, budget, totalCost, rule, funded, unfunded, maxSupport,
                maxCost, turnout, councilDecision, bundleUrl, bundleSha256, bundleSize, keyId, fingerprint, page);
    }

    public int projectCount() {
        return funded.size() + unfunded.size();
    }

    /** Pages of {@link #PAGE_SIZE} projects (at least one). */
    public int pages() {
        return Math.max(1, (projectCount() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public boolean paged() {
        return pages() > 1;
    }

    /** The first project on this page, counted from 1, as the page tells the reader. */
    public int firstShown() {
        return Math.min(projectCount(), (page - 1) * PAGE_SIZE + 1);
    }

    public int lastShown() {
        return Math.min(projectCount(), page * PAGE_SIZE);
    }

    /** The projects on this page: funded ones first, as in {@link #all()}. */
    public List<Row> shown() {
        int from = firstShown() - 1;
        int to = lastShown();
        if (from < 0 || from >= to) {
            return List.of();
        }
        if (to <= funded.size()) {
            return funded.subList(from, to);
        }
        if (from >= funded.size()) {
            return unfunded.subList(from - funded.size(), to - funded.size());
        }
        List<Row> rows = new ArrayList<>(funded.subList(from, funded.size()));
        rows.addAll(unfunded.subList(0, to - funded.size()));
        return rows;
    }

    public List<Row> shownFunded() {
        return shown().stream().filter(Row::funded).toList();
    }

    public List<Row> shownUnfunded() {
        return shown().stream().filter(r -> !r.funded()).toList();
    }

    /**
     * The page numbers the pager links to: the first, the last, and two either side of this one; 0 stands for a
     * gap ("..."), so 100 pages give at most nine links.
     */
    public List<Integer> pagerPages() {
        List<Integer> out = new ArrayList<>();
        int last = pages();
        for (int p = 1; p <= last; p++) {
            if (p == 1 || p == last || Math.abs(p - page) <= 2) {
                out.add(p);
            } else if (out.get(out.size() - 1) != 0) {
                out.add(0);
            }
        }
        return out;
    }
}
