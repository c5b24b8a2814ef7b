package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionPatch;
import nl.buurtbegroting.service.election.ElectionRequest;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.election.RuleCatalog;
import nl.buurtbegroting.service.election.TieBreakingSettings;
import nl.buurtbegroting.service.election.TiePolicy;
import nl.buurtbegroting.service.election.VoterSettings;
import nl.buurtbegroting.service.web.Form;
import nl.buurtbegroting.service.web.Page;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The set-up form of an election: fields as the page shows them, read into the same request the API takes.
 * Every field is checked here first (numbers, lengths, the date format), with a message in the reader's
 * language beside it; what only the service can judge (relations between fields) comes back as its
 * violations and is placed beside the field its JSON path names.
 */
final class ElectionForm {

    static final List<String> FIELDS = List.of("name", "neighbourhood", "budget", "currency", "opens", "closes",
            "categories", "format", "minProjects", "maxProjects", "maxPoints", "maxCost", "rule", "tiePolicy",
            "tieOrder", "tieSeed", "minimumAge", "districts", "incompatible");
    static final long MAX_AMOUNT = 1_000_000_000_000L;
    /** The fields that hold an amount of money (whole units: "1.234,56" gets a message about cents). */
    private static final java.util.Set<String> MONEY = java.util.Set.of("budget", "maxCost");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

    /** Where the service's JSON paths appear on the form. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("ballot.format", "format"), Map.entry("ballot.minProjects", "minProjects"),
            Map.entry("ballot.maxProjects", "maxProjects"), Map.entry("ballot.maxPoints", "maxPoints"),
            Map.entry("ballot.maxCost", "maxCost"), Map.entry("tieBreaking.policy", "tiePolicy"),
            Map.entry("tieBreaking.order", "tieOrder"), Map.entry("tieBreaking.seed", "tieSeed"),
            Map.entry("votingOpens", "opens"), Map.entry("votingCloses", "closes"));

    private ElectionForm() {
    }

    static FormState empty() {
        return new FormState().set("currency", "EUR").set("format", "APPROVAL").set("rule", "mes-add1")
                .set("tiePolicy", "ID");
    }

    static FormState of(Form form) {
        FormState s = new FormState();
        for (String f : FIELDS) {
            s.set(f, form.get(f));
        }
        return s;
    }

    static FormState of(ElectionView e) {
        StringBuilder cats = new StringBuilder();
        for (Category c : e.categories()) {
            cats.append(c.name()).append(c.cap() == null ? "" : " = " + c.cap()).append('\n');
        }
        BallotSettings b = e.ballot();
        return new FormState().set("name", e.name()).set("neighbourhood", e.neighbourhood()).set("budget", e.budget())
                .set("currency", e.currency()).set("opens", local(e.votingOpens())).set("closes", local(e.votingCloses()))
                .set("categories", cats.toString().strip()).set("format", b.format().name())
                .set("minProjects", b.minProjects()).set("maxProjects", b.maxProjects()).set("maxPoints", b.maxPoints())
                .set("maxCost", b.maxCost()).set("rule", e.rule()).set("tiePolicy", e.tieBreaking().policy().name())
                .set("tieOrder", String.join(", ", e.tieBreaking().order())).set("tieSeed", e.tieBreaking().seed())
                .set("minimumAge", e.eligibility().minimumAge())
                .set("districts", String.join("\n", e.eligibility().districts()))
                .set("incompatible", String.join("\n", e.incompatibleGroups().stream().map(g -> String.join(", ", g)).toList()));
    }

    /** A time as a datetime-local field shows it, in the municipality's time zone; "" for none. */
    static String local(Instant instant) {
        return instant == null ? "" : LOCAL.format(instant.atZone(Page.ZONE));
    }

    /** The request, or null with the errors set on {@code s}. */
    static ElectionRequest read(FormState s, ManagePage page) {
        Fields f = new Fields(s, page);
        String name = f.text("name", 200, true);
        List<String> unprintable = LetterPdf.unprintable(name);
        if (!unprintable.isEmpty() && !s.hasError("name")) {
            // The name is printed on every letter with a code, and cannot change once voting is open.
            s.error("name", page.t("e.nameChars", nl.buurtbegroting.service.web.Page.isolate(String.join(" ", unprintable))));
        }
        String neighbourhood = f.text("neighbourhood", 200, true);
        Long budget = f.number("budget", 0, MAX_AMOUNT, true);
        String currency = s.v("currency").strip().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            s.error("currency", page.t("e.currency"));
        }
        Instant opens = f.instant("opens");
        Instant closes = f.instant("closes");
        List<Category> categories = categories(s, page);
        BallotFormat format = f.choice("format", BallotFormat.class);
        Long min = f.number("minProjects", 0, 10_000, false);
        Long max = f.number("maxProjects", 1, 10_000, false);
        Long points = f.number("maxPoints", 1, 1_000_000, false);
        Long maxCost = f.number("maxCost", 1, MAX_AMOUNT, false);
        String rule = s.v("rule").strip();
        if (RuleCatalog.canonical(rule).isEmpty()) {
            s.error("rule", page.t("e.rule"));
        }
        TiePolicy policy = f.choice("tiePolicy", TiePolicy.class);
        List<String> order = new ArrayList<>();
        for (String code : s.v("tieOrder").split("[,\\s]+")) {
            if (!code.isBlank()) {
                order.add(code.strip());
            }
        }
        if (order.size() > 1000 || order.stream().anyMatch(c -> c.length() > 64)) {
            s.error("tieOrder", page.t("e.tieOrder"));
        }
        Long seed = f.number("tieSeed", Long.MIN_VALUE, Long.MAX_VALUE, false);
        Long minimumAge = f.number("minimumAge", 0, 150, false);
        List<String> districts = districts(s, page);
        List<List<String>> incompatible = incompatible(s, page);
        if (s.hasErrors()) {
            return null;
        }
        return new ElectionRequest(name, neighbourhood, budget, currency, categories,
                new BallotSettings(format, toInt(min), toInt(max), points, maxCost), rule,
                new TieBreakingSettings(policy, order, seed), new VoterSettings(toInt(minimumAge), districts), opens, closes,
                incompatible);
    }

    /** The whole form as a change of a draft: every field replaces the stored one. */
    static ElectionPatch patch(ElectionRequest r) {
        return new ElectionPatch(r.name(), r.neighbourhood(), r.budget(), r.currency(), r.categories(), r.ballot(),
                r.rule(), r.tieBreaking(), r.eligibility(), r.votingOpens(), r.votingCloses(), r.incompatibleGroups());
    }

    /** One district a line; code batches then name one of them. */
    private static List<String> districts(FormState s, ManagePage page) {
        List<String> list = new ArrayList<>();
        for (String line : s.v("districts").split("\\R")) {
            String d = line.strip();
            if (d.isEmpty()) {
                continue;
            }
            if (d.length() > 100 || FormState.hasControl(d, false) || list.size() >= 200) {
                s.error("districts", page.t("e.districts"));
                return List.of();
            }
            if (!list.contains(d)) {
                list.add(d);
            }
        }
        return list;
    }

    /** One group a line, proposal numbers apart by commas: at most one of each group is funded. */
    private static List<List<String>> incompatible(FormState s, ManagePage page) {
        List<List<String>> groups = new ArrayList<>();
        String[] lines = s.v("incompatible").split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> group = new ArrayList<>();
            for (String code : lines[i].split("[,;\\s]+")) {
                if (!code.isBlank()) {
                    group.add(code.strip());
                }
            }
            if (group.size() < 2 || group.size() > 100 || groups.size() >= 100
                    || group.stream().anyMatch(c -> c.length() > 64 || FormState.hasControl(c, false))) {
                s.error("incompatible", page.t("e.incompatible", i + 1));
                return List.of();
            }
            groups.add(group);
        }
        return groups;
    }

    /** Places the service's violations beside their fields. */
    /** The form field an API field path concerns ("name" when no field of the form does). */
    static String fieldOf(String path) {
        String field = path.startsWith("categories") ? "categories"
                : path.startsWith("incompatibleGroups") ? "incompatible"
                : path.startsWith("eligibility.districts") ? "districts"
                : path.startsWith("eligibility.minimumAge") ? "minimumAge"
                : PATHS.getOrDefault(path, path);
        return FIELDS.contains(field) ? field : "name";
    }

    /** One category a line: "name" or "name = cap". */
    private static List<Category> categories(FormState s, ManagePage page) {
        List<Category> list = new ArrayList<>();
        String[] lines = s.v("categories").split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            String name = (eq < 0 ? line : line.substring(0, eq)).strip();
            Long cap = null;
            if (eq >= 0) {
                try {
                    cap = Long.parseLong(line.substring(eq + 1).strip().replace(".", "").replace("_", ""));
                    if (cap < 0 || cap > MAX_AMOUNT) {
                        cap = null;
                        name = "";
                    }
                } catch (NumberFormatException e) {
                    name = "";
                }
            }
            if (name.isEmpty() || name.length() > 100 || list.size() >= 50 || FormState.hasControl(name, false)) {
                s.error("categories", page.t("e.categories", i + 1));
                continue;
            }
            list.add(new Category(name, cap));
        }
        return list;
    }

    private static Integer toInt(Long n) {
        return n == null ? null : n.intValue();
    }

    /** Reads single fields, setting an error in the reader's language when one does not fit. */
    private record Fields(FormState s, ManagePage page) {

        /** The field's label as it reads inside a sentence ("Vul naam van de verkiezing in"). */
        String label(String name) {
            String l = page.t("f." + name);
            return l.isEmpty() ? l : Character.toLowerCase(l.charAt(0)) + l.substring(1);
        }

        String text(String name, int max, boolean required) {
            String v = s.v(name).strip();
            if ((required && v.isEmpty()) || v.length() > max) {
                s.error(name, page.t("e.text", label(name), max));
            } else if (FormState.hasControl(v, false)) {
                s.error(name, page.t("e.control", page.t("f." + name)));
            }
            return v;
        }

        Long number(String name, long min, long max, boolean required) {
            String v = s.v(name).strip().replace(".", "").replace("_", "").replace(" ", "");
            if (v.isEmpty()) {
                if (required) {
                    s.error(name, page.t("e.numberMissing", label(name)));
                }
                return null;
            }
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    s.error(name, page.t("e.numberRange", page.t("f." + name), page.number(min), page.number(max)));
                    return null;
                }
                return n;
            } catch (NumberFormatException e) {
                // Only digits, but too many for a long: a whole number out of range, and the message says so.
                boolean digits = v.matches("-?[0-9]+");
                s.error(name, digits ? page.t("e.numberRange", page.t("f." + name), page.number(min), page.number(max))
                        : page.t(MONEY.contains(name) ? "e.amount" : "e.number", page.t("f." + name)));
                return null;
            }
        }

        Instant instant(String name) {
            String v = s.v(name).strip();
            if (v.isEmpty()) {
                return null;
            }
            try {
                return LocalDateTime.parse(v.length() > 16 ? v.substring(0, 16) : v, LOCAL).atZone(Page.ZONE).toInstant();
            } catch (DateTimeParseException e) {
                s.error(name, page.t("e.date", label(name)));
                return null;
            }
        }

        <E extends Enum<E>> E choice(String name, Class<E> type) {
            try {
                return Enum.valueOf(type, s.v(name));
            } catch (IllegalArgumentException e) {
                s.error(name, page.t("e.choice", page.t("f." + name)));
                return type.getEnumConstants()[0];
            }
        }
    }
}
