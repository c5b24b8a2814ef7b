package nl.buurtbegroting.service.pabulib;

import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.problem.Violation;
import nl.buurtbegroting.service.proposal.ProposalRequest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's rule for text ({@link TextCheck}) applied to an imported file, answered the way every fault of a file
 * is: 400 INVALID_PABULIB naming the file's line, its column ({@code name}, {@code description}...) and the project,
 * with the text rule's code as {@code pabulibCode}. The API's own paths ({@code proposals[0].title}) mean nothing to
 * someone looking at the file.
 */
final class ImportedText {

    private ImportedText() {
    }

    static void require(byte[] file, PabulibMapping.Imported imported) {
        List<Violation> faults = TextCheck.violations(imported.election());
        if (!faults.isEmpty()) {
            Violation v = faults.get(0);
            String column = v.field().startsWith("categories") ? "categories"
                    : v.field().equals("name") ? "description" : v.field().equals("neighbourhood") ? "unit" : v.field();
            throw problem(v, column, null, lineOf(file, "META", column));
        }
        for (ProposalRequest p : imported.proposals()) {
            faults = TextCheck.violations(p);
            if (!faults.isEmpty()) {
                Violation v = faults.get(0);
                String column = switch (v.field()) {
                    case "title" -> "name";
                    case "summary" -> "description";
                    case "publicReason" -> "admission_reason";
                    default -> v.field();
                };
                throw problem(v, column, p.code(), lineOf(file, "PROJECTS", p.code()));
            }
        }
    }

    private static ApiProblem problem(Violation v, String column, String project, int line) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("pabulibCode", v.code());
        if (line > 0) {
            members.put("line", line);
        }
        members.put("field", column);
        if (project != null) {
            members.put("project", project);
        }
        String where = (line > 0 ? "line " + line + ", " : "") + (project != null ? "project " + project + ", " : "")
                + "field " + column;
        return ApiProblem.of(ProblemCode.INVALID_PABULIB, where + ": " + v.message(), members);
    }

    /**
     * The physical line (from 1) where the row of {@code key} starts in {@code section}: the row whose first field is
     * {@code key}, quoted or not. 0 when not found, as for a gzipped file (the reader has checked it; only plain text
     * is searched here).
     */
    static int lineOf(byte[] file, String section, String key) {
        if (file.length > 1 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b) {
            return 0;
        }
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\\r\\n|\\n|\\r", -1);
        boolean inSection = false;
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && !lines[0].isEmpty() && lines[0].charAt(0) == '\uFEFF' ? lines[0].substring(1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.equals("META") || trimmed.equals("PROJECTS") || trimmed.equals("VOTES")) {
                inSection = trimmed.equals(section);
                continue;
            }
            if (!inSection) {
                continue;
            }
            int semicolon = line.indexOf(';');
            String first = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
            if (first.length() >= 2 && first.charAt(0) == '"' && first.charAt(first.length() - 1) == '"') {
                first = first.substring(1, first.length() - 1);
            }
            if (first.equals(key)) {
                return i + 1;
            }
        }
        return 0;
    }
}
