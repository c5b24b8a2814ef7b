package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * One read of a Pabulib file by {@link PabulibReader}: the sections and their headers, the PROJECTS rows,
 * and the election built at the end; META rows go to {@link PabulibMeta}, VOTES rows to
 * {@link PabulibVotes}. All state of the pass, discarded once the election is built.
 */
final class PabulibParse {

    private enum Section {
        NONE, META, PROJECTS, VOTES;

        String label() {
            return name();
        }
    }

    /** Column headers of a table, looked up case-insensitively. */
    private static final class Header {
        final int line;
        final List<String> names;
        final Map<String, Integer> index = new HashMap<>();

        Header(int line, List<String> names) {
            this.line = line;
            this.names = names;
        }

        int column(String... aliases) {
            for (String alias : aliases) {
                Integer i = index.get(alias);
                if (i != null) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final Set<String> PROJECT_COLUMNS = Set.of(
            "project_id", "cost", "name", "category", "categories", "target", "targets", "admitted", "admission_reason");

    private final RecordTokenizer in;
    private final String source;
    private final PabulibReader.Options options;

    private Section section = Section.NONE;
    private final Map<Section, Integer> sectionLines = new HashMap<>();
    private Header header;

    private final PabulibMeta meta;

    private final LinkedHashMap<String, Project> projects = new LinkedHashMap<>();
    private int pId;
    private int pCost;
    private int pName;
    private int pCategory;
    private int pTarget;
    private int pAdmitted;
    private int pReason;

    private PabulibVotes votes;
    private int[] attributeColumns = new int[0];
    private List<Map<String, String>> attributeValues = List.of();

    PabulibParse(RecordTokenizer in, String source, PabulibReader.Options options) {
        this.in = in;
        this.source = source;
        this.options = options;
        this.meta = new PabulibMeta(source);
    }

    Election run() throws IOException {
        boolean any = false;
        while (in.next()) {
            if (in.isBlank()) {
                continue;
            }
            any = true;
            Section marker = sectionMarker();
            if (marker != null) {
                startSection(marker);
                continue;
            }
            switch (section) {
                case NONE -> throw error(ErrorCode.UNKNOWN_SECTION, in.recordLine(), "",
                        "'" + in.field(0) + "' comes before any section; a Pabulib file starts with a line META");
                case META -> metaRow();
                case PROJECTS -> projectRow();
                case VOTES -> {
                    requireFieldCount();
                    votes.row(attributes());
                }
                default -> throw new IllegalStateException(section.name());
            }
        }
        if (!any) {
            throw error(ErrorCode.EMPTY_FILE, 0, "", "the input is empty");
        }
        for (Section s : List.of(Section.META, Section.PROJECTS, Section.VOTES)) {
            if (!sectionLines.containsKey(s)) {
                throw error(ErrorCode.MISSING_SECTION, 0, s.label(), "there is no " + s.label() + " section");
            }
        }
        return build();
    }

    private Section sectionMarker() {
        String first = in.field(0);
        if (first.length() < 4 || first.length() > 8) {
            return null;
        }
        for (int i = 1; i < in.size(); i++) {
            if (!in.isEmpty(i)) {
                return null;
            }
        }
        return switch (first.strip().toLowerCase(Locale.ROOT)) {
            case "meta" -> Section.META;
            case "projects" -> Section.PROJECTS;
            case "votes" -> Section.VOTES;
            default -> null;
        };
    }

    private void startSection(Section next) throws IOException {
        int line = in.recordLine();
        Integer earlier = sectionLines.get(next);
        if (earlier != null) {
            throw error(ErrorCode.DUPLICATE_SECTION, line, next.label(),
                    next.label() + " already started on line " + earlier);
        }
        Section required = next == Section.PROJECTS ? Section.META : next == Section.VOTES ? Section.PROJECTS : null;
        if (required != null && !sectionLines.containsKey(required)) {
            throw error(ErrorCode.SECTION_ORDER, line, next.label(), next.label() + " comes before "
                    + required.label() + "; the sections are META, PROJECTS, VOTES in this order (is "
                    + required.label() + " missing?)");
        }
        if (section == Section.META) {
            meta.interpret();
        }
        sectionLines.put(next, line);
        section = next;
        header = readHeader(next, line);
        switch (next) {
            case META -> {
                if (header.names.size() != 2) {
                    throw error(ErrorCode.WRONG_FIELD_COUNT, header.line, "",
                            "the META header has " + header.names.size() + " fields; expected key;value");
                }
            }
            case PROJECTS -> projectHeader();
            case VOTES -> voteHeader();
            default -> throw new IllegalStateException(next.name());
        }
    }

    private Header readHeader(Section s, int markerLine) throws IOException {
        while (in.next()) {
            if (in.isBlank()) {
                continue;
            }
            if (sectionMarker() != null) {
                break;
            }
            List<String> names = new ArrayList<>(in.size());
            Header h = new Header(in.recordLine(), names);
            for (int i = 0; i < in.size(); i++) {
                String name = in.field(i).strip();
                names.add(name);
                if (name.isEmpty()) {
                    continue;
                }
                String key = canonicalColumn(name.toLowerCase(Locale.ROOT));
                Integer previous = h.index.putIfAbsent(key, i);
                if (previous != null) {
                    throw error(ErrorCode.DUPLICATE_COLUMN, h.line, name,
                            "column " + name + " appears twice (also column " + (previous + 1) + ")");
                }
            }
            in.columnNames(names);
            return h;
        }
        throw error(ErrorCode.MISSING_HEADER, markerLine, s.label(),
                s.label() + " is not followed by a header line");
    }

    private static String canonicalColumn(String lower) {
        return switch (lower) {
            case "categories" -> "category";
            case "targets" -> "target";
            default -> lower;
        };
    }

    private void requireFieldCount() {
        if (in.size() != header.names.size()) {
            throw error(ErrorCode.WRONG_FIELD_COUNT, in.recordLine(), "", "the row has " + in.size()
                    + " fields but the " + section.label() + " header on line " + header.line + " has "
                    + header.names.size());
        }
    }

    // ---- META ----

    private void metaRow() {
        requireFieldCount();
        meta.put(in.field(0).strip(), in.field(1), in.recordLine());
    }

    // ---- PROJECTS ----

    private void projectHeader() {
        pId = required("project_id");
        pCost = required("cost");
        pName = header.column("name");
        pCategory = header.column("category");
        pTarget = header.column("target");
        pAdmitted = header.column("admitted");
        pReason = header.column("admission_reason");
        List<Integer> extra = new ArrayList<>();
        for (int i = 0; i < header.names.size(); i++) {
            String name = header.names.get(i);
            if (!name.isEmpty() && !PROJECT_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
                extra.add(i);
            }
        }
        attributeColumns(extra);
    }

    private int required(String column) {
        int i = header.column(column);
        if (i < 0) {
            throw error(ErrorCode.MISSING_COLUMN, header.line, column,
                    "the " + section.label() + " header has no column " + column);
        }
        return i;
    }

    private void attributeColumns(List<Integer> columns) {
        attributeColumns = columns.stream().mapToInt(Integer::intValue).toArray();
        attributeValues = new ArrayList<>();
        for (int i = 0; i < attributeColumns.length; i++) {
            attributeValues.add(new HashMap<>());
        }
    }

    private Map<String, String> attributes() {
        if (attributeColumns.length == 0) {
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = 0; k < attributeColumns.length; k++) {
            int column = attributeColumns[k];
            String value = in.field(column);
            if (!value.isEmpty()) {
                attributes.put(header.names.get(column), shared(k, value));
            }
        }
        return attributes;
    }

    /** Shares equal attribute values (sex, age group, district) between ballots to keep memory flat. */
    private String shared(int column, String value) {
        Map<String, String> pool = attributeValues.get(column);
        String known = pool.get(value);
        if (known != null) {
            return known;
        }
        if (pool.size() < 4096) {
            pool.put(value, value);
        }
        return value;
    }

    private void projectRow() {
        requireFieldCount();
        int line = in.recordLine();
        String id = in.field(pId).strip();
        if (id.isEmpty()) {
            throw error(ErrorCode.EMPTY_ID, line, "project_id", "the project id is empty");
        }
        if (projects.containsKey(id)) {
            throw error(ErrorCode.DUPLICATE_PROJECT, line, "project_id", "project " + id + " is listed twice");
        }
        long cost = PabulibNumbers.amount(source, in.field(pCost), line, "cost", false);
        String name = pName < 0 ? "" : in.field(pName);
        List<String> categories = pCategory < 0 ? List.of() : PabulibNumbers.list(in.field(pCategory));
        List<String> targets = pTarget < 0 ? List.of() : PabulibNumbers.list(in.field(pTarget));
        Eligibility eligibility = eligibility(line);
        projects.put(id, new Project(id, name, cost, categories, targets, eligibility, attributes()));
    }

    private Eligibility eligibility(int line) {
        String reason = pReason < 0 ? "" : in.field(pReason).strip();
        if (pAdmitted < 0) {
            return reason.isEmpty() ? Eligibility.ADMITTED : new Eligibility(true, reason);
        }
        String flag = in.field(pAdmitted).strip().toLowerCase(Locale.ROOT);
        boolean admitted;
        switch (flag) {
            case "", "1", "true", "yes" -> admitted = true;
            case "0", "false", "no" -> admitted = false;
            default -> throw error(ErrorCode.INVALID_ELIGIBILITY, line, "admitted",
                    "'" + in.field(pAdmitted) + "' is not 1 or 0");
        }
        if (!admitted && reason.isEmpty()) {
            throw error(ErrorCode.INVALID_ELIGIBILITY, line, "admission_reason",
                    "a project that is not admitted needs a public reason in admission_reason");
        }
        return reason.isEmpty() ? Eligibility.ADMITTED : new Eligibility(admitted, reason);
    }

    // ---- VOTES ----

    private void voteHeader() {
        int vId = required("voter_id");
        int vVote = required("vote");
        int vPoints = header.column("points");
        VoteType voteType = meta.voteType;
        if (voteType == VoteType.CUMULATIVE && vPoints < 0) {
            throw error(ErrorCode.MISSING_COLUMN, header.line, "points",
                    "vote_type is cumulative but the VOTES header has no column points");
        }
        List<Integer> extra = new ArrayList<>();
        for (int i = 0; i < header.names.size(); i++) {
            if (i != vId && i != vVote && !(i == vPoints && voteType == VoteType.CUMULATIVE)
                    && !header.names.get(i).isEmpty()) {
                extra.add(i);
            }
        }
        attributeColumns(extra);
        votes = new PabulibVotes(in, source, voteType, projects, vId, vVote, vPoints);
    }

    // ---- the election ----

    private Election build() {
        if (options.strictCounts()) {
            meta.checkCount("num_projects", projects.size());
            meta.checkCount("num_votes", votes.ballots.size());
        }
        BallotRules rules = meta.rules();
        Instance instance = new Instance(meta.meta.getOrDefault("description", ""), meta.budget,
                new ArrayList<>(projects.values()), meta.categoryCaps(), meta.incompatibleGroups(projects.keySet()),
                rules, meta.meta);
        return new Election(instance, new Profile(votes.ballots));
    }

    private PabulibFormatException error(ErrorCode code, Integer line, String field, String detail) {
        return new PabulibFormatException(code, source, line == null ? 0 : line, field, detail);
    }
}
