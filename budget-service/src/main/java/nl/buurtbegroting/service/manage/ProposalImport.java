package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.service.pabulib.PabulibService;
import nl.buurtbegroting.service.proposal.ProposalRequest;
import nl.buurtbegroting.service.proposal.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposals in bulk: a CSV with a header row ({@code code,title,summary,cost,category,verdict,publicReason}; only
 * {@code title} and {@code cost} are required, columns in any order) or a Pabulib file (its projects). Every row is
 * checked before anything is stored, each error with its row and column, so the page can show a preview.
 */
public final class ProposalImport {

    static final int MAX_ROWS = 5000;
    static final List<String> COLUMNS = List.of("code", "title", "summary", "cost", "category", "verdict", "publicReason");

    /** One row as the preview shows it, with its errors (text keys with arguments already filled in). */
    public record Row(int line, String code, String title, String cost, String category, String verdict,
                      String publicReason, List<String> errors, ProposalRequest request) {
    }

    /** The parsed file: its rows, errors that concern the whole file, and the CSV to confirm with. */
    public record Parsed(List<Row> rows, List<String> fileErrors, String csv) {
        public boolean ok() {
            return fileErrors.isEmpty() && !rows.isEmpty() && rows.stream().allMatch(r -> r.errors().isEmpty());
        }

        public long errorCount() {
            return fileErrors.size() + rows.stream().filter(r -> !r.errors().isEmpty()).count();
        }
    }

    private ProposalImport() {
    }

    /** A Pabulib file becomes the same CSV, so the preview and the confirmation are one path. */
    static String fromPabulib(byte[] file, String name) {
        Election e = PabulibService.read(file, name);
        StringBuilder csv = new StringBuilder("code,title,summary,cost,category,verdict,publicReason\n");
        for (Project p : e.instance().projects()) {
            csv.append(field(p.id())).append(',').append(field(p.name())).append(",,").append(p.cost()).append(',')
                    .append(p.categories().isEmpty() ? "" : field(p.categories().get(0))).append(",ELIGIBLE,\n");
        }
        return csv.toString();
    }

    static Parsed parse(String text, ManagePage page) {
        return parse(text, page, java.util.Set.of(), null);
    }

    /**
     * As {@link #parse(String, ManagePage)}, checked against the election too: a code one of its proposals has already
     * and a category it does not have are named on their line in the preview, where the service would refuse the
     * whole import without saying which line.
     *
     * @param categories the election's categories, or null to leave categories unchecked
     */
    static Parsed parse(String text, ManagePage page, java.util.Set<String> taken, java.util.Set<String> categories) {
        List<String> fileErrors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<List<String>> records = records(text == null ? "" : text.replace("\uFEFF", ""));
        if (records.isEmpty()) {
            fileErrors.add(page.t("bulk.empty"));
            return new Parsed(rows, fileErrors, "");
        }
        List<String> header = records.get(0).stream().map(h -> h.strip()).toList();
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            at[c] = indexOf(header, COLUMNS.get(c));
        }
        if (at[1] < 0 || at[3] < 0) {
            fileErrors.add(page.t("bulk.header", String.join(",", COLUMNS)));
            return new Parsed(rows, fileErrors, text);
        }
        if (records.size() - 1 > MAX_ROWS) {
            fileErrors.add(page.t("bulk.tooMany", MAX_ROWS));
            return new Parsed(rows, fileErrors, text);
        }
        java.util.Set<String> codes = new java.util.HashSet<>(taken);
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.stream().allMatch(String::isBlank)) {
                continue;
            }
            String code = cell(r, at[0]);
            String title = cell(r, at[1]);
            String summary = cell(r, at[2]);
            String cost = cell(r, at[3]);
            String category = cell(r, at[4]);
            String verdict = cell(r, at[5]).toUpperCase(Locale.ROOT);
            String reason = cell(r, at[6]);
            List<String> errors = new ArrayList<>();
            int line = i + 1;
            if (!code.isEmpty() && (code.length() > 64 || !code.matches("[A-Za-z0-9._-]+"))) {
                errors.add(page.t("bulk.cell", line, "code", page.t("e.code")));
            } else if (!code.isEmpty() && !codes.add(code)) {
                errors.add(page.t("bulk.cell", line, "code", page.t("problem.DUPLICATE_CODE")));
            }
            if (title.isEmpty() || title.length() > 200) {
                errors.add(page.t("bulk.cell", line, "title", page.t("e.text", page.lower("f.title"), 200)));
            }
            if (FormState.hasControl(title + code + category + cost, false) || FormState.hasControl(summary + reason, true)) {
                errors.add(page.t("bulk.cell", line, "title", page.t("e.control", page.t("f.title"))));
            }
            if (summary.length() > 4000) {
                errors.add(page.t("bulk.cell", line, "summary", page.t("e.text", page.lower("f.summary"), 4000)));
            }
            Long amount = null;
            try {
                amount = Long.parseLong(cost.replace(".", "").replace(" ", ""));
                if (amount <= 0 || amount > ElectionForm.MAX_AMOUNT) {
                    errors.add(page.t("bulk.cell", line, "cost", page.t("e.numberRange", page.t("f.cost"), 1, page.number(ElectionForm.MAX_AMOUNT))));
                }
            } catch (NumberFormatException e) {
                String digits = cost.replace(".", "").replace(" ", "");
                errors.add(page.t("bulk.cell", line, "cost", digits.matches("-?[0-9]+")
                        ? page.t("e.numberRange", page.t("f.cost"), 1, page.number(ElectionForm.MAX_AMOUNT))
                        : page.t("e.amount", page.t("f.cost"))));
            }
            if (category.length() > 100) {
                errors.add(page.t("bulk.cell", line, "category", page.t("e.text", page.lower("f.category"), 100)));
            } else if (categories != null && !category.isEmpty() && !categories.contains(category)) {
                errors.add(page.t("bulk.cell", line, "category", page.t("problem.UNKNOWN_CATEGORY")));
            }
            Verdict v = Verdict.PENDING;
            if (!verdict.isEmpty()) {
                try {
                    v = Verdict.valueOf(verdict);
                } catch (IllegalArgumentException e) {
                    errors.add(page.t("bulk.cell", line, "verdict", page.t("bulk.verdict")));
                }
            }
            if (v == Verdict.INELIGIBLE && reason.isEmpty()) {
                errors.add(page.t("bulk.cell", line, "publicReason", page.t("problem.PUBLIC_REASON_REQUIRED")));
            }
            if (reason.length() > 1000) {
                errors.add(page.t("bulk.cell", line, "publicReason", page.t("e.text", page.lower("f.publicReason"), 1000)));
            }
            ProposalRequest request = errors.isEmpty() ? new ProposalRequest(code.isEmpty() ? null : code, title, summary,
                    amount, category.isEmpty() ? null : category, v, reason.isEmpty() ? null : reason) : null;
            rows.add(new Row(line, code, title, cost, category, verdict.isEmpty() ? "PENDING" : verdict, reason, errors, request));
        }
        if (rows.isEmpty()) {
            fileErrors.add(page.t("bulk.empty"));
        }
        return new Parsed(rows, fileErrors, text);
    }

    private static int indexOf(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int index) {
        return index < 0 || index >= row.size() ? "" : row.get(index).strip();
    }

    /** RFC 4180 records: commas (or semicolons, as Dutch spreadsheets write), quotes doubled inside quotes. */
    static List<List<String>> records(String text) {
        char sep = firstLine(text).contains(";") && !firstLine(text).contains(",") ? ';' : ',';
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String field(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains(";")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
