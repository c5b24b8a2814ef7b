package nl.buurtbegroting.core.pabulib;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Reads a Pabulib {@code .pb} file (plain or gzipped) into an {@link Election}.
 *
 * <p>The format is the one described at pabulib.org and read by pabutools: UTF-8 text in three
 * sections {@code META}, {@code PROJECTS}, {@code VOTES}, each a {@code ;}-separated table whose first
 * line is its header. The reader follows pabutools where the published files depend on it (quotes,
 * blank lines, repeated ids in a ballot) and is stricter where pabutools would silently read nonsense:
 * every problem is a {@link PabulibFormatException} with a line, a field and a stable code, and no
 * election is built unless the whole input is valid.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Every META key is kept in {@link Instance#meta()} in file order, including the ones that are
 *       also read into typed fields, so that {@link PabulibWriter} can write them back.</li>
 *   <li>{@code vote_type} is required ({@link ErrorCode#MISSING_VOTE_TYPE}): it decides how {@code vote}
 *       is read, and pabutools 1.2.3 fails on a file without it too.</li>
 *   <li>Costs must be whole amounts ({@code 20000.0} is accepted). A fractional budget is rounded
 *       down, the original staying in META: costs are integers, so a set of projects fits within
 *       {@code B} exactly when it fits within {@code floor(B)}, and greedy and knapsack outcomes are
 *       unchanged. (The per-voter share of the Method of Equal Shares, {@code B / n}, does change.)
 *       {@code budget_per_category} is rounded down for the same reason.</li>
 *   <li>An approval or choose-1 ballot is a set (a repeated id counts once); a cumulative ballot maps
 *       projects to points and a repeated id keeps its last points, which is how the published
 *       reference outcomes read {@code Netherlands_Amsterdam_604} and {@code Poland_Czestochowa_2020}.
 *       Empty entries in a vote list ({@code 1,,2}) are skipped, except in cumulative ballots where
 *       they would shift the points.</li>
 *   <li>{@code num_projects} and {@code num_votes} must match the rows ({@link ErrorCode#COUNT_MISMATCH}):
 *       all published files checked agree, so a mismatch means a truncated or edited file. This can be
 *       relaxed with {@link Options#strictCounts()}.</li>
 *   <li>Empty cells are not stored as attributes: an empty cell and an absent column mean the same.</li>
 *   <li>Project columns {@code admitted} (1/0) and {@code admission_reason} carry the
 *       {@link Eligibility} verdict; they are what {@link PabulibWriter} writes for it.</li>
 * </ul>
 *
 * <p>Reading is a single pass over the characters without regular expressions, linear in the size of
 * the input.
 */
public final class PabulibReader {

    /**
     * Limits and strictness.
     *
     * @param maxBytes     largest accepted input, in bytes after decompression (characters when reading
     *                     from a {@link Reader})
     * @param maxRows      largest accepted number of records (lines), blank ones included
     * @param strictCounts whether {@code num_projects} / {@code num_votes} must match the rows
     */
    public record Options(long maxBytes, long maxRows, boolean strictCounts) {

        /** 512 MiB, ten million rows, counts checked. */
        public static final Options DEFAULT = new Options(512L * 1024 * 1024, 10_000_000L, true);

        public Options {
            if (maxBytes <= 0 || maxRows <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        public Options withMaxBytes(long bytes) {
            return new Options(bytes, maxRows, strictCounts);
        }

        public Options withMaxRows(long rows) {
            return new Options(maxBytes, rows, strictCounts);
        }

        public Options withStrictCounts(boolean strict) {
            return new Options(maxBytes, maxRows, strict);
        }
    }

    private PabulibReader() {
    }

    /** Reads a file; gzip is recognised by its first bytes, whatever the name. */
    public static Election read(Path path) throws IOException {
        return read(path, Options.DEFAULT);
    }

    public static Election read(Path path, Options options) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, String.valueOf(path.getFileName()), options);
        }
    }

    /** Reads bytes (plain or gzipped UTF-8); {@code sourceName} only appears in error messages. */
    public static Election read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, Options.DEFAULT);
    }

    public static Election read(InputStream in, String sourceName, Options options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        String name = sourceName == null ? "" : sourceName;
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        InputStream plain = buffered;
        if (isGzip(buffered)) {
            plain = new GzipErrors(new GZIPInputStream(buffered, 1 << 16), name);
        }
        return read(new StrictUtf8Reader(plain, name, options.maxBytes()), name, options);
    }

    /** Reads characters; a leading byte-order mark is ignored. */
    public static Election read(Reader reader, String sourceName) throws IOException {
        return read(reader, sourceName, Options.DEFAULT);
    }

    public static Election read(Reader reader, String sourceName, Options options) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(options, "options");
        return new Parse(reader, sourceName == null ? "" : sourceName, options).run();
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    /** Turns a damaged gzip stream into a format error rather than a bare I/O failure. */
    private static final class GzipErrors extends FilterInputStream {
        private final String sourceName;

        GzipErrors(InputStream in, String sourceName) {
            super(in);
            this.sourceName = sourceName;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw broken(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw broken(e);
            }
        }

        private PabulibFormatException broken(IOException e) {
            return new PabulibFormatException(ErrorCode.INVALID_GZIP, sourceName, 0, "",
                    "the input looks gzipped but cannot be decompressed (" + e.getMessage() + ")");
        }
    }

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

    /** One read: all state of the pass, discarded once the election is built. */
    private static final class Parse {
        private final RecordTokenizer in;
        private final String source;
        private final Options options;

        private Section section = Section.NONE;
        private final Map<Section, Integer> sectionLines = new HashMap<>();
        private Header header;

        private final LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        private final Map<String, Integer> metaLines = new HashMap<>();
        private long budget;
        private VoteType voteType;

        private final LinkedHashMap<String, Project> projects = new LinkedHashMap<>();
        private int pId;
        private int pCost;
        private int pName;
        private int pCategory;
        private int pTarget;
        private int pAdmitted;
        private int pReason;

        private final List<Ballot> ballots = new ArrayList<>();
        private final Set<String> voterIds = new HashSet<>();
        private int vId;
        private int vVote;
        private int vPoints;
        private int[] attributeColumns = new int[0];
        private List<Map<String, String>> attributeValues = List.of();

        Parse(Reader reader, String source, Options options) {
            this.in = new RecordTokenizer(reader, source, options.maxBytes(), options.maxRows());
            this.source = source;
            this.options = options;
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
                    case VOTES -> voteRow();
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
                if (!in.field(i).isEmpty()) {
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
                interpretMeta();
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
            int line = in.recordLine();
            String key = in.field(0).strip();
            if (key.isEmpty()) {
                throw error(ErrorCode.EMPTY_ID, line, "key", "a META row has an empty key");
            }
            Integer earlier = metaLines.putIfAbsent(key, line);
            if (earlier != null) {
                throw error(ErrorCode.DUPLICATE_META_KEY, line, key, "META key " + key + " already set on line " + earlier);
            }
            meta.put(key, in.field(1));
        }

        private void interpretMeta() {
            String rawBudget = meta.get("budget");
            if (rawBudget == null) {
                throw error(ErrorCode.MISSING_BUDGET, 0, "budget", "META has no budget");
            }
            budget = amount(rawBudget, metaLines.get("budget"), "budget", true);
            String rawType = meta.get("vote_type");
            if (rawType == null) {
                throw error(ErrorCode.MISSING_VOTE_TYPE, 0, "vote_type",
                        "META has no vote_type; add one of approval, choose-1, cumulative, ordinal");
            }
            voteType = VoteType.fromPabulib(rawType).orElseThrow(() -> error(ErrorCode.UNKNOWN_VOTE_TYPE,
                    metaLines.get("vote_type"), "vote_type",
                    "'" + rawType + "' is not a vote type read here; expected approval, choose-1, cumulative or ordinal"));
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
            long cost = amount(in.field(pCost), line, "cost", false);
            String name = pName < 0 ? "" : in.field(pName);
            List<String> categories = pCategory < 0 ? List.of() : list(in.field(pCategory));
            List<String> targets = pTarget < 0 ? List.of() : list(in.field(pTarget));
            Eligibility eligibility = eligibility(line);
            projects.put(id, new Project(id, name, cost, categories, targets, eligibility, attributes()));
        }

        private static List<String> list(String raw) {
            String s = raw.strip();
            // pabutools treats the literal None as "no value"; Warszawa files contain it.
            if (s.isEmpty() || s.equalsIgnoreCase("none")) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            while (true) {
                int comma = s.indexOf(',', start);
                String item = (comma < 0 ? s.substring(start) : s.substring(start, comma)).strip();
                if (!item.isEmpty()) {
                    out.add(item);
                }
                if (comma < 0) {
                    return out;
                }
                start = comma + 1;
            }
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
            vId = required("voter_id");
            vVote = required("vote");
            vPoints = header.column("points");
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
        }

        private void voteRow() {
            requireFieldCount();
            int line = in.recordLine();
            String voter = in.field(vId).strip();
            if (voter.isEmpty()) {
                throw error(ErrorCode.EMPTY_ID, line, "voter_id", "the voter id is empty");
            }
            if (!voterIds.add(voter)) {
                throw error(ErrorCode.DUPLICATE_VOTER, line, "voter_id", "voter " + voter + " has voted before in this file");
            }
            String vote = in.field(vVote).strip();
            Map<String, String> attributes = attributes();
            Ballot ballot = switch (voteType) {
                case APPROVAL -> new ApprovalBallot(voter, approved(vote, line), attributes);
                case CHOOSE_ONE -> chooseOne(voter, vote, line, attributes);
                case CUMULATIVE -> new CumulativeBallot(voter, points(vote, line), attributes);
                case ORDINAL -> new OrdinalBallot(voter, ranking(vote, line), attributes);
            };
            ballots.add(ballot);
        }

        private String project(String token, int line) {
            Project p = projects.get(token);
            if (p == null) {
                throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote", "project '" + token + "' is not in PROJECTS");
            }
            // The project's own id string: a hundred thousand ballots then share one copy per project.
            return p.id();
        }

        private static List<String> tokens(String vote, boolean keepEmpty) {
            if (vote.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            while (true) {
                int comma = vote.indexOf(',', start);
                String token = (comma < 0 ? vote.substring(start) : vote.substring(start, comma)).strip();
                if (!token.isEmpty() || keepEmpty) {
                    out.add(token);
                }
                if (comma < 0) {
                    return out;
                }
                start = comma + 1;
            }
        }

        private Set<String> approved(String vote, int line) {
            Set<String> ids = new LinkedHashSet<>();
            for (String token : tokens(vote, false)) {
                ids.add(project(token, line));
            }
            return ids;
        }

        private Ballot chooseOne(String voter, String vote, int line, Map<String, String> attributes) {
            Set<String> ids = approved(vote, line);
            if (ids.size() > 1) {
                throw error(ErrorCode.TOO_MANY_CHOICES, line, "vote",
                        "vote_type is choose-1 but the vote names " + ids.size() + " projects: " + String.join(",", ids));
            }
            return new ChooseOneBallot(voter, ids.isEmpty() ? "" : ids.iterator().next(), attributes);
        }

        private List<String> ranking(String vote, int line) {
            List<String> ranking = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String token : tokens(vote, false)) {
                String id = project(token, line);
                if (!seen.add(id)) {
                    throw error(ErrorCode.REPEATED_PROJECT, line, "vote", "the ranking lists project " + id + " twice");
                }
                ranking.add(id);
            }
            return ranking;
        }

        private Map<String, Long> points(String vote, int line) {
            List<String> ids = tokens(vote, true);
            String rawPoints = in.field(vPoints).strip();
            List<String> points = tokens(rawPoints, true);
            if (!ids.isEmpty() && points.isEmpty()) {
                throw error(ErrorCode.MISSING_POINTS, line, "points",
                        "the vote names " + ids.size() + " projects but gives no points");
            }
            if (ids.size() != points.size()) {
                throw error(ErrorCode.POINTS_MISMATCH, line, "points",
                        "the vote names " + ids.size() + " projects but gives " + points.size() + " points");
            }
            Map<String, Long> result = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).isEmpty()) {
                    throw error(ErrorCode.UNKNOWN_PROJECT, line, "vote",
                            "entry " + (i + 1) + " of the vote is empty, which would shift the points");
                }
                // A repeated id keeps its last points: the reading behind the published reference outcomes.
                result.put(project(ids.get(i), line), pointValue(points.get(i), line));
            }
            return result;
        }

        private long pointValue(String raw, int line) {
            long fast = digits(raw);
            if (fast >= 0) {
                return fast;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(raw);
            } catch (NumberFormatException e) {
                throw error(ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is not a whole number of points");
            }
            if (value.signum() < 0) {
                throw error(ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is negative; points are 0 or more");
            }
            if (value.precision() - value.scale() > 18 || value.stripTrailingZeros().scale() > 0) {
                throw error(ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is not a whole number of points");
            }
            return value.longValueExact();
        }

        // ---- numbers ----

        /** Non-negative value of a string of at most 18 ASCII digits, else -1 (then the slow path decides). */
        private static long digits(String s) {
            int n = s.length();
            if (n == 0 || n > 18) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private long amount(String raw, int line, String field, boolean floor) {
            String s = raw.strip();
            long fast = digits(s);
            if (fast >= 0) {
                return fast;
            }
            if (s.isEmpty()) {
                throw error(ErrorCode.INVALID_NUMBER, line, field, "the value is empty; expected a whole amount");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw error(ErrorCode.INVALID_NUMBER, line, field, "'" + raw + "' is not a whole amount");
            }
            if (value.signum() < 0) {
                throw error(ErrorCode.NEGATIVE_AMOUNT, line, field, "'" + raw + "' is negative");
            }
            // Checked before any rescaling so that 1e999999999 cannot make a gigantic number.
            if (value.precision() - value.scale() > 18) {
                throw error(ErrorCode.INVALID_NUMBER, line, field, "'" + raw + "' is too large");
            }
            BigDecimal whole = value.stripTrailingZeros();
            if (whole.scale() > 0) {
                if (!floor) {
                    throw error(ErrorCode.FRACTIONAL_AMOUNT, line, field,
                            "'" + raw + "' is not a whole amount; amounts are whole currency units");
                }
                whole = whole.setScale(0, RoundingMode.FLOOR);
            }
            return whole.longValueExact();
        }

        private Long optionalAmount(String key) {
            String raw = meta.get(key);
            if (raw == null || raw.isBlank()) {
                return null;
            }
            return amount(raw, metaLines.get(key), key, false);
        }

        private Integer optionalLength(String key) {
            Long v = optionalAmount(key);
            if (v == null) {
                return null;
            }
            if (v > Integer.MAX_VALUE) {
                throw error(ErrorCode.INVALID_NUMBER, metaLines.get(key), key, "'" + meta.get(key) + "' is too large");
            }
            return v.intValue();
        }

        // ---- the election ----

        private Election build() {
            if (options.strictCounts()) {
                checkCount("num_projects", projects.size());
                checkCount("num_votes", ballots.size());
            }
            for (String pair : List.of("length", "sum_cost", "points", "sum_points")) {
                Long min = optionalAmount("min_" + pair);
                Long max = optionalAmount("max_" + pair);
                if (min != null && max != null && min > max) {
                    throw error(ErrorCode.INVALID_LIMITS, metaLines.get("min_" + pair), "min_" + pair,
                            "min_" + pair + " " + min + " is above max_" + pair + " " + max + " (line "
                                    + metaLines.get("max_" + pair) + ")");
                }
            }
            BallotRules rules;
            try {
                rules = new BallotRules(voteType, optionalLength("min_length"), optionalLength("max_length"),
                        optionalAmount("min_sum_cost"), optionalAmount("max_sum_cost"),
                        optionalAmount("min_points"), optionalAmount("max_points"),
                        optionalAmount("min_sum_points"), optionalAmount("max_sum_points"));
            } catch (IllegalArgumentException e) {
                throw error(ErrorCode.INVALID_LIMITS, 0, "", "the ballot limits in META contradict each other: " + e.getMessage());
            }
            Instance instance = new Instance(meta.getOrDefault("description", ""), budget,
                    new ArrayList<>(projects.values()), categoryCaps(), List.of(), rules, meta);
            return new Election(instance, new Profile(ballots));
        }

        private void checkCount(String key, int actual) {
            String raw = meta.get(key);
            if (raw == null) {
                return;
            }
            long declared = amount(raw, metaLines.get(key), key, false);
            if (declared != actual) {
                throw error(ErrorCode.COUNT_MISMATCH, metaLines.get(key), key, key + " is " + declared + " but "
                        + (key.equals("num_projects") ? "PROJECTS" : "VOTES") + " has " + actual
                        + " rows (a truncated or edited file?)");
            }
        }

        /**
         * {@code budget_per_category} either lists amounts in the order of the META {@code categories}
         * (as the Amsterdam files do) or names them: {@code green:1000,play:2000}.
         */
        private Map<String, Long> categoryCaps() {
            String raw = meta.get("budget_per_category");
            if (raw == null || raw.isBlank()) {
                return Map.of();
            }
            int line = metaLines.get("budget_per_category");
            List<String> entries = list(raw);
            Map<String, Long> caps = new LinkedHashMap<>();
            boolean named = entries.stream().allMatch(e -> e.indexOf(':') > 0);
            if (named) {
                for (String entry : entries) {
                    int colon = entry.lastIndexOf(':');
                    String category = entry.substring(0, colon).strip();
                    if (caps.put(category, amount(entry.substring(colon + 1), line, "budget_per_category", true)) != null) {
                        throw error(ErrorCode.INVALID_CATEGORY_CAPS, line, "budget_per_category",
                                "category " + category + " has two caps");
                    }
                }
                return caps;
            }
            List<String> categories = list(meta.getOrDefault("categories", ""));
            if (categories.size() != entries.size() || new HashSet<>(categories).size() != categories.size()) {
                throw error(ErrorCode.INVALID_CATEGORY_CAPS, line, "budget_per_category", "budget_per_category has "
                        + entries.size() + " amounts but META categories names " + categories.size()
                        + " distinct categories; give one amount per category, or write category:amount pairs");
            }
            for (int i = 0; i < entries.size(); i++) {
                caps.put(categories.get(i), amount(entries.get(i), line, "budget_per_category", true));
            }
            return caps;
        }

        private PabulibFormatException error(ErrorCode code, Integer line, String field, String detail) {
            return new PabulibFormatException(code, source, line == null ? 0 : line, field, detail);
        }
    }
}
