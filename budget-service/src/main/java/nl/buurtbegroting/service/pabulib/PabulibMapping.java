package nl.buurtbegroting.service.pabulib;

import io.micronaut.http.HttpStatus;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.service.election.BallotFormat;
import nl.buurtbegroting.service.election.BallotSettings;
import nl.buurtbegroting.service.election.Category;
import nl.buurtbegroting.service.election.ElectionRequest;
import nl.buurtbegroting.service.election.RuleCatalog;
import nl.buurtbegroting.service.election.TieBreakingSettings;
import nl.buurtbegroting.service.election.VoterSettings;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.StrictJson;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.proposal.ProposalRequest;
import nl.buurtbegroting.service.proposal.Verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates between a Pabulib instance and the service's election and proposals. Pure functions, no
 * database: what is lost in either direction is listed here.
 *
 * <ul>
 *   <li>Import keeps budget, currency, categories and caps, ballot format and limits, the city's rule
 *       (when it is one of ours; greedy otherwise), the voting dates and every project with its verdict.
 *       Votes are not imported: ballots enter the service only through voting.</li>
 *   <li>Export writes META and PROJECTS and an empty VOTES section. A PENDING proposal is written as
 *       admitted, because the format has no "not yet assessed"; check verdicts before exporting.</li>
 * </ul>
 */
final class PabulibMapping {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** The dates META carries; {@code ElectionInstance.forPabulib} writes them in the same style. */
    private static final DateTimeFormatter PABULIB_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);
    private static final int MAX_CATEGORIES = 50;

    private PabulibMapping() {
    }

    record Imported(ElectionRequest election, List<ProposalRequest> proposals) {
    }

    static Imported fromInstance(Instance instance) {
        Map<String, String> meta = instance.meta();
        String name = firstNonBlank(meta.get("description"), instance.name(),
                String.join(" ", nonBlank(meta.get("unit"), meta.get("instance"))), "Imported election");
        String neighbourhood = firstNonBlank(String.join(" - ", nonBlank(meta.get("unit"), meta.get("district"), meta.get("subunit"))),
                meta.get("country"), "unknown");
        String currency = meta.getOrDefault("currency", "EUR").strip().toUpperCase(Locale.ROOT);

        Set<String> categoryNames = new LinkedHashSet<>(instance.categoryCaps().keySet());
        instance.projects().forEach(p -> categoryNames.addAll(p.categories()));
        if (categoryNames.size() > MAX_CATEGORIES) {
            throw unsupported("categories", "the file has " + categoryNames.size() + " categories; at most "
                    + MAX_CATEGORIES + " are supported");
        }
        List<Category> categories = categoryNames.stream()
                .map(c -> new Category(truncate(c, 100), instance.categoryCaps().get(c))).toList();

        List<ProposalRequest> proposals = new ArrayList<>();
        for (Project p : instance.projects()) {
            if (!CODE.matcher(p.id()).matches() || p.id().chars().allMatch(c -> c == '.')) {
                throw unsupported("project_id", "project id '" + truncate(p.id(), 80)
                        + "' is not letters, digits, dot, dash or underscore (at most 64, not only dots)");
            }
            if (p.cost() <= 0) {
                throw unsupported("cost", "project " + p.id() + " costs " + p.cost() + "; a proposal costs more than 0");
            }
            Eligibility verdict = p.eligibility();
            proposals.add(new ProposalRequest(p.id(), truncate(firstNonBlank(p.name(), "Project " + p.id()), 200),
                    truncate(p.attributes().getOrDefault("description", ""), 4000), p.cost(),
                    p.categories().isEmpty() ? null : truncate(p.categories().get(0), 100),
                    verdict.admitted() ? Verdict.ELIGIBLE : Verdict.INELIGIBLE,
                    verdict.admitted() ? null : truncate(verdict.reason(), 1000)));
        }

        Instant opens = date(meta.get("date_begin"), 0);
        Instant closes = date(meta.get("date_end"), 1);
        if (opens != null && closes != null && !closes.isAfter(opens)) {
            closes = null;
        }
        ElectionRequest election = new ElectionRequest(truncate(name, 200), truncate(neighbourhood, 200),
                instance.budget(), CURRENCY.matcher(currency).matches() ? currency : "EUR", categories,
                ballot(instance), rule(meta.get("rule")), TieBreakingSettings.byId(), VoterSettings.everyone(), opens, closes,
                groups(instance, proposals));
        return new Imported(election, proposals);
    }

    private static BallotSettings ballot(Instance instance) {
        BallotRules r = instance.ballotRules();
        return switch (r.voteType()) {
            case APPROVAL -> r.maxSumCost() != null
                    ? new BallotSettings(BallotFormat.KNAPSACK, r.minLength(), r.maxLength(), null, r.maxSumCost())
                    : new BallotSettings(BallotFormat.APPROVAL, r.minLength(), r.maxLength(), null, null);
            case CHOOSE_ONE -> new BallotSettings(BallotFormat.CHOOSE_ONE, null, null, null, null);
            case CUMULATIVE -> {
                if (r.maxSumCost() != null) {
                    throw unsupported("max_sum_cost", "a cost limit on cumulative ballots is not supported here; "
                            + "only knapsack ballots (approval with max_sum_cost) have one");
                }
                yield new BallotSettings(BallotFormat.CUMULATIVE, r.minLength(), r.maxLength(), r.maxSumPoints(), null);
            }
            case ORDINAL -> throw unsupported("vote_type", "ordinal ballots can be read but not configured for a vote here");
        };
    }

    /** Pabulib's {@code rule} values as cities used them ("equalshares/add1", "greedy") mapped to ours. */
    /** The file's incompatible groups, limited to the proposals that are imported. */
    private static List<List<String>> groups(Instance instance, List<ProposalRequest> proposals) {
        Set<String> codes = new LinkedHashSet<>();
        proposals.forEach(p -> codes.add(p.code()));
        List<List<String>> out = new ArrayList<>();
        for (Set<String> group : instance.incompatibleGroups()) {
            List<String> known = group.stream().filter(codes::contains).sorted().toList();
            if (known.size() >= 2) {
                out.add(known);
            }
        }
        return out;
    }

    static String rule(String pabulibRule) {
        String r = pabulibRule == null ? "" : pabulibRule.strip().toLowerCase(Locale.ROOT);
        if (r.startsWith("equalshares") || r.startsWith("mes")) {
            r = r.contains("add1") ? "mes-add1" : "mes";
        }
        return RuleCatalog.canonical(r).orElse("greedy");
    }

    private static Instant date(String text, int plusDays) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant at = LocalDate.parse(text.strip(), PABULIB_DATE).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
            // The API's range for every date. A file's year 999999999 was stored as the opening of voting: the election
            // opened, and every online ballot was refused as too early, for good (and PostgreSQL cannot store it).
            return at.isBefore(StrictJson.EARLIEST) || !at.isBefore(StrictJson.LATEST) ? null : at;
        } catch (DateTimeParseException unreadable) {
            // Dates are informative here; a file with another date style still imports.
            return null;
        }
    }

    private static ApiProblem unsupported(String field, String detail) {
        return ApiProblem.of(ProblemCode.PABULIB_UNSUPPORTED, detail,
                Map.of("field", field));
    }

    /** Values that show something: a name of only zero-width or no-break spaces counts as absent, as a blank one does. */
    private static List<String> nonBlank(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && TextCheck.hasVisible(v)) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && TextCheck.hasVisible(v)) {
                return v.strip();
            }
        }
        return "";
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // Never between the two halves of a surrogate pair.
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
