package nl.buurtbegroting.core.pabulib;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.ChooseOneBallot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.OrdinalBallot;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.model.VoteType;

/**
 * Writes an {@link Election} as a Pabulib file that {@link PabulibReader} reads back to an equal
 * election (for every election read from a file, and for any election whose ballots carry distinct
 * voter ids).
 *
 * <p>META keeps every key of {@link Instance#meta()} in order. The keys that describe the election
 * itself ({@code description}, {@code budget}, {@code vote_type}, {@code num_projects},
 * {@code num_votes}, the ballot limits and {@code budget_per_category}) are made to agree with the
 * typed fields: a value already in META that means the same (such as {@code 400000.0} for a budget of
 * 400000) is kept as written, a different one is replaced in place, a missing one is appended.
 * PROJECTS has the columns {@code project_id;cost;name;category;target}, then {@code admitted;admission_reason}
 * when some verdict needs them, then every attribute column any project has; columns nobody uses are
 * left out. VOTES has {@code voter_id;vote}, {@code points} for cumulative ballots, then the ballot
 * attributes. Lines end with LF; a field is quoted when it holds {@code ;}, a quote, a line break or
 * surrounding white space.
 *
 * <p>Incompatible project groups go to the META key {@code incompatible_groups} ({@code 3,4|7,8}), which
 * this reader reads and other readers ignore; a group member whose id holds a comma or {@code |} cannot be
 * written (IllegalArgumentException). Category names and ids containing a comma cannot be represented in the
 * comma-separated lists.
 */
public final class PabulibWriter {

    private PabulibWriter() {
    }

    public static void write(Election election, Writer out) throws IOException {
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(out, "out");
        new Output(out).election(election);
        out.flush();
    }

    /** Writes UTF-8 (without a byte-order mark), gzipped when the file name ends in {@code .gz}. */
    public static void write(Election election, Path path) throws IOException {
        boolean gzip = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT).endsWith(".gz");
        try (OutputStream file = Files.newOutputStream(path);
             OutputStream stream = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
             Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            write(election, out);
        }
    }

    public static String toString(Election election) {
        StringWriter out = new StringWriter();
        try {
            write(election, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final Set<String> PROJECT_COLUMNS = Set.of(
            "project_id", "cost", "name", "category", "categories", "target", "targets", "admitted", "admission_reason");

    private static final class Output {
        private final Writer out;

        Output(Writer out) {
            this.out = out;
        }

        void election(Election election) throws IOException {
            Instance instance = election.instance();
            List<Ballot> ballots = election.profile().ballots();
            out.write("META\nkey;value\n");
            for (Map.Entry<String, String> e : PabulibMetaWriter.meta(instance, ballots.size()).entrySet()) {
                row(List.of(e.getKey(), e.getValue()));
            }
            projects(instance.projects());
            votes(instance.voteType(), ballots);
        }

        // ---- PROJECTS ----

        private void projects(List<Project> projects) throws IOException {
            boolean names = projects.stream().anyMatch(p -> !p.name().isEmpty());
            boolean categories = projects.stream().anyMatch(p -> !p.categories().isEmpty());
            boolean targets = projects.stream().anyMatch(p -> !p.targets().isEmpty());
            boolean eligibility = projects.stream().anyMatch(p -> !p.admitted() || !p.eligibility().reason().isEmpty());
            List<String> attributes = attributeColumns(projects.stream().map(Project::attributes).toList(), PROJECT_COLUMNS);

            List<String> header = new ArrayList<>(List.of("project_id", "cost"));
            if (names) {
                header.add("name");
            }
            if (categories) {
                header.add("category");
            }
            if (targets) {
                header.add("target");
            }
            if (eligibility) {
                header.add("admitted");
                header.add("admission_reason");
            }
            header.addAll(attributes);
            out.write("PROJECTS\n");
            row(header);
            List<String> row = new ArrayList<>(header.size());
            for (Project p : projects) {
                row.clear();
                row.add(p.id());
                row.add(Long.toString(p.cost()));
                if (names) {
                    row.add(p.name());
                }
                if (categories) {
                    row.add(String.join(",", p.categories()));
                }
                if (targets) {
                    row.add(String.join(",", p.targets()));
                }
                if (eligibility) {
                    row.add(p.admitted() ? "1" : "0");
                    row.add(p.eligibility().reason());
                }
                for (String a : attributes) {
                    row.add(p.attributes().getOrDefault(a, ""));
                }
                row(row);
            }
        }

        /** Attribute names in first-seen order, without those that would collide with the format's own columns. */
        private static List<String> attributeColumns(List<Map<String, String>> maps, Set<String> reserved) {
            Set<String> seen = new LinkedHashSet<>();
            Set<String> lower = new HashSet<>();
            for (Map<String, String> m : maps) {
                for (String key : m.keySet()) {
                    String k = key.strip();
                    String l = k.toLowerCase(Locale.ROOT);
                    if (!k.isEmpty() && !reserved.contains(l) && lower.add(l)) {
                        seen.add(key);
                    }
                }
            }
            return new ArrayList<>(seen);
        }

        // ---- VOTES ----

        private void votes(VoteType type, List<Ballot> ballots) throws IOException {
            boolean cumulative = type == VoteType.CUMULATIVE;
            Set<String> reserved = cumulative ? Set.of("voter_id", "vote", "points") : Set.of("voter_id", "vote");
            List<String> attributes = attributeColumns(ballots.stream().map(Ballot::attributes).toList(), reserved);
            List<String> header = new ArrayList<>(List.of("voter_id", "vote"));
            if (cumulative) {
                header.add("points");
            }
            header.addAll(attributes);
            out.write("VOTES\n");
            row(header);

            Set<String> given = new HashSet<>();
            for (Ballot b : ballots) {
                if (!b.voterId().isBlank() && !given.add(b.voterId().strip())) {
                    throw new IllegalArgumentException("voter id " + b.voterId() + " appears twice; a Pabulib file needs distinct voter ids");
                }
            }
            int next = 1;
            List<String> row = new ArrayList<>(header.size());
            for (Ballot b : ballots) {
                if (b.voteType() != type) {
                    throw new IllegalArgumentException("a " + b.voteType().pabulibName() + " ballot in a "
                            + type.pabulibName() + " election cannot be written");
                }
                String voter = b.voterId().strip();
                if (voter.isEmpty()) {
                    // Anonymous ballots get the first free number, so the file stays readable.
                    while (given.contains(Integer.toString(next))) {
                        next++;
                    }
                    voter = Integer.toString(next++);
                }
                row.clear();
                row.add(voter);
                if (b instanceof ApprovalBallot a) {
                    row.add(String.join(",", a.approved()));
                } else if (b instanceof ChooseOneBallot c) {
                    row.add(c.choice());
                } else if (b instanceof OrdinalBallot o) {
                    row.add(String.join(",", o.ranking()));
                } else if (b instanceof CumulativeBallot c) {
                    row.add(String.join(",", c.points().keySet()));
                    StringBuilder points = new StringBuilder();
                    for (long p : c.points().values()) {
                        if (points.length() > 0) {
                            points.append(',');
                        }
                        points.append(p);
                    }
                    row.add(points.toString());
                }
                for (String a : attributes) {
                    row.add(b.attributes().getOrDefault(a, ""));
                }
                row(row);
            }
        }

        // ---- fields ----

        private void row(List<String> fields) throws IOException {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(';');
                }
                field(fields.get(i));
            }
            out.write('\n');
        }

        private void field(String value) throws IOException {
            if (!needsQuotes(value)) {
                out.write(value);
                return;
            }
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        }

        private static boolean needsQuotes(String value) {
            if (value.isEmpty()) {
                return false;
            }
            if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
                return true;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ';' || c == '"' || c == '\n' || c == '\r') {
                    return true;
                }
            }
            return false;
        }
    }
}
