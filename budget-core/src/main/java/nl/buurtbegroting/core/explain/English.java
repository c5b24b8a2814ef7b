package nl.buurtbegroting.core.explain;

import java.util.Optional;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.TieBreak;

/** English at B1 level: short sentences, everyday words, amounts as "€1,234.56". */
final class English implements Wording {

    private static final String FUNDED = "Funded: ";
    private static final String STOPS_HERE =
            "Under this rule the sharing out then stops: no project after it got money.";
    private static final String NOT_FUNDED = "Not funded: ";

    @Override
    public Text funded(Facts f, Decision.Funded d) {
        if (f.completion(d)) {
            return Text.of(FUNDED + "money was left after the sharing in equal parts, and this project fitted in it.",
                    intro(f),
                    notAffordableFirst(f) ? "The people who voted for it could not pay for it on their own." : "",
                    "The money that was left went to the projects with the most " + votes(f) + " that still fitted.",
                    "When this project's turn came, " + f.amount(f.remainingBefore()) + " was still left, so it fitted.");
        }
        if (f.equalShares()) {
            Text text = Text.of(FUNDED + "the people who voted for it could pay for it together.", intro(f),
                    startShare(f));
            return text.plus(payments(f));
        }
        switch (f.rule()) {
            case "knapsack":
                return Text.of(FUNDED + "it is part of the combination of projects with the most " + votes(f)
                                + " that fits in the budget.",
                        intro(f),
                        "Together the chosen projects have " + count(f, f.fundedSupport()) + " and cost "
                                + f.amount(f.outcome.totalCost()) + ".",
                        "No other combination that fits in the budget of " + f.amount(f.budget()) + " has more "
                                + votes(f) + ".");
            case "phragmen":
                return Text.of(FUNDED + "its cost could be shared fairly among the people who voted for it.",
                        intro(f), turn(d), left(f), f.detail(DetailKeys.LOAD).map(l -> "With it, each of the people who voted "
                                + "for it carried " + f.amount(l) + " in total of the cost of the chosen projects.")
                                .orElse(""));
            case "greedy-per-cost":
                return Text.of(FUNDED + "it got many " + votes(f) + " for what it costs, and it still fitted in the budget.",
                        intro(f), turn(d), left(f));
            case "greedy":
                return Text.of(FUNDED + "it got enough " + votes(f) + " and still fitted in the budget.",
                        intro(f), turn(d), left(f));
            default:
                return Text.of(FUNDED + "the project gets money.", intro(f), turn(d));
        }
    }

    @Override
    public Text doesNotFit(Facts f, Decision.DoesNotFit d) {
        if (d.remaining() >= f.budget()) {
            return Text.of(NOT_FUNDED + "it costs more than the whole budget.", intro(f),
                    "The whole budget is " + f.amount(f.budget()) + ", so it can never fit.");
        }
        if (notAffordableFirst(f)) {
            return Text.of(NOT_FUNDED + "the people who voted for it could not pay for it together, and what was left "
                            + "afterwards was too little.",
                    intro(f),
                    f.detail(DetailKeys.AVAILABLE).isPresent() && f.detail(DetailKeys.LACKING).isPresent()
                            ? "Together the people who voted for it had only " + f.amount(f.detail(DetailKeys.AVAILABLE).get())
                                    + " left: " + f.amount(f.detail(DetailKeys.LACKING).get()) + " too little."
                            : "",
                    f.detail(DetailKeys.LACKING).map(l -> spending(f, l, f.spentMostOn().orElse(""))).orElse(""),
                    "After that, " + f.amount(d.remaining()) + " of the budget was left, which was too little as well.");
        }
        String earlier = f.stoppedHere() ? STOPS_HERE : switch (f.rule()) {
            case "greedy" -> "Projects with more " + votes(f) + " had already got the money.";
            case "greedy-per-cost" -> "Projects with more " + votes(f) + " for what they cost had already got the money.";
            default -> "";
        };
        return Text.of(NOT_FUNDED + "there was not enough money left when its turn came.", intro(f),
                d.remaining() == 0 ? "When its turn came, the money had run out."
                        : "When its turn came, only " + f.amount(d.remaining()) + " was left.",
                d.remaining() == 0 ? "" : "That is " + f.amount(d.cost() - d.remaining()) + " too little.", earlier);
    }

    @Override
    public Text belowThreshold(Facts f, Decision.BelowThreshold d) {
        return Text.of(NOT_FUNDED + "it got too few " + votes(f) + ".",
                project(f) + " got " + count(f, d.support()) + ".",
                "A project needs at least " + count(f, d.threshold()) + " to take part.",
                "So it did not take part when the money was shared out.");
    }

    @Override
    public Text notEligible(Facts f, Decision.NotEligible d) {
        return Text.of(NOT_FUNDED + "the project was not allowed in the vote.",
                project(f) + " costs " + f.amount(f.cost()) + ".",
                "The reason it was not allowed: " + Texts.sentence(d.publicReason()),
                "A project that is not allowed in the vote cannot get money.");
    }

    @Override
    public Text exceedsCategoryCap(Facts f, Decision.ExceedsCategoryCap d) {
        long left = Math.max(0, d.cap() - d.spentInCategory());
        return Text.of(NOT_FUNDED + "no more money could go to projects in the category \"" + d.category() + "\".",
                intro(f),
                "Projects in the category \"" + d.category() + "\" may get at most " + f.amount(d.cap())
                        + " together.",
                left == 0 ? "All of that was already used."
                        : f.amount(d.spentInCategory()) + " of that was already used, so " + f.amount(left) + " was left.",
                "That is too little for this project.");
    }

    @Override
    public Text incompatible(Facts f, Decision.Incompatible d) {
        String other = f.label("project", d.fundedProject());
        return Text.of(NOT_FUNDED + "it cannot go ahead together with project " + d.fundedProject()
                        + ", and that project already got money.",
                intro(f),
                "Only one of this project and " + other + " can go ahead.",
                Texts.capitalize(other) + " already got money, so this project could not.");
    }

    @Override
    public Text stoppedBefore(Facts f, Decision.StoppedBefore d) {
        return Text.of(NOT_FUNDED + "the sharing out of the money had already stopped before its turn came.",
                intro(f),
                "Under this rule the sharing out stops at the first project that no longer fits.",
                "That was " + f.label("project", d.stoppedAt()) + (d.remaining() == 0 ? ": the money had run out."
                        : ": only " + f.amount(d.remaining()) + " was left."),
                f.cost() <= d.remaining()
                        ? "This project would have fitted, but its turn came after that."
                        : "This project's turn came after that, and it would not have fitted either.");
    }

    @Override
    public Text notInOptimum(Facts f, Decision.NotInOptimum d) {
        return Text.of(NOT_FUNDED + "it is not part of the combination of projects with the most " + votes(f)
                        + " that fits in the budget.",
                intro(f),
                "Together the chosen projects have " + count(f, d.optimumSupport()) + " and cost "
                        + f.amount(f.outcome.totalCost()) + ".",
                "No combination with this project in it that fits in the budget of " + f.amount(f.budget())
                        + " has more " + votes(f) + ".");
    }

    @Override
    public Text notAffordable(Facts f, Decision.NotAffordable d) {
        String money = d.available().isBlank() || d.lacking().isBlank()
                ? "Together the people who voted for it did not have enough money left to pay for it."
                : "Together the people who voted for it had only " + f.amount(d.available()) + " left: "
                        + f.amount(d.lacking()) + " too little.";
        String took = spending(f, d.lacking(), d.tookMoney().isBlank() ? f.spentMostOn().orElse("") : d.tookMoney());
        return Text.of(NOT_FUNDED + "the people who voted for it did not have enough money left together.",
                intro(f), startShare(f), money, took);
    }

    @Override
    public Text noSupport(Facts f) {
        return Text.of(NOT_FUNDED + "nobody voted for this project.",
                project(f) + " costs " + f.amount(f.cost()) + " and got no " + votes(f) + ".",
                "Under this rule a project without " + votes(f) + " gets no money.");
    }

    @Override
    public Text other(Facts f, Decision d) {
        return Text.of((d.funded() ? "Funded." : "Not funded."), intro(f), "The reason: " + Texts.sentence(d.reason()));
    }

    @Override
    public String tie(Facts f, TieBreak tie) {
        String others = Texts.list(f.others(tie).stream().map(id -> "project " + id).toList(), "and");
        String winner = tie.winner().equals(f.id()) ? "this project" : "project " + tie.winner();
        return "It was level with " + others + "; " + winner + " went first, because " + policy(tie.policy()) + ".";
    }

    private static String policy(String spec) {
        if (spec.equals("default")) {
            return "in a tie the project with the most votes goes first, then the cheaper one, and then the one that is "
                    + "higher on the list";
        }
        if (spec.equals("id")) {
            return "in a tie the smallest project number goes first (read as text, so 10 before 9)";
        }
        if (spec.equals("id-desc")) {
            return "in a tie the largest project number goes first (read as text, so 9 before 10)";
        }
        if (spec.startsWith("random:")) {
            return "the tie was settled by a draw that anyone can repeat (starting number "
                    + spec.substring("random:".length()) + ")";
        }
        return "in a tie an order fixed in advance decides";
    }

    @Override
    public String rule(Facts f) {
        String v = votes(f);
        return switch (f.rule()) {
            case "greedy" -> "How it works: the projects with the most " + v + " get money first, and "
                    + (f.ruleStopped() ? "the sharing out stops at the first project that no longer fits."
                            : "a project that no longer fits is skipped.");
            case "greedy-per-cost" -> "How it works: the projects with the most " + v + " for what they cost get money first, and "
                    + (f.ruleStopped() ? "the sharing out stops at the first project that no longer fits."
                            : "a project that no longer fits is skipped.");
            case "knapsack" -> "How it works: the combination of projects that together has the most " + v
                    + " and fits in the budget gets the money.";
            case "mes", "mes-add1" -> "How it works: every voter gets "
                    + (f.raisedShare() ? "the same amount to spend (about the budget divided by the number of voters, "
                            + "raised if needed so that the money is used well)" : "an equal part of the budget")
                    + (f.greedyFill() ? ", a project gets money when the people who voted for it can pay for it together, "
                            + "and what is left goes to the projects with the most " + v + " that still fit."
                            : ", and a project gets money when the people who voted for it can pay for it together (the "
                                    + "project that costs each voter least goes first).");
            case "phragmen" -> "How it works: the cost of each chosen project is shared as equally as possible among "
                    + "the people who voted for it, the project that weighs least on them goes first, and the sharing "
                    + "out stops at the first project that does not fit.";
            default -> "How it works: the rule \"" + f.rule() + "\" decides which projects get money.";
        };
    }

    /**
     * Where the money of an unfunded project's supporters went: the project that took the most, or,
     * when even all they spent would not have been enough, that.
     */
    private static String spending(Facts f, String lacking, String took) {
        Optional<Rational> spent = f.spentTotal();
        if (spent.isPresent() && spent.get().signum() > 0 && !lacking.isBlank()
                && spent.get().compareTo(Rational.parse(lacking)) < 0) {
            return "Even with the " + f.amount(spent.get().toString()) + " they spent on other projects, it would "
                    + "have been too little.";
        }
        if (took.isBlank()) {
            return "";
        }
        Optional<String> amount = f.spentOn(took);
        return spent.isPresent() && amount.isPresent()
                ? "They had already spent " + f.amount(spent.get().toString()) + " on other projects, the most on "
                        + f.label("project", took) + ": " + f.amount(amount.get()) + "."
                : "Most of what they spent went to " + f.label("project", took) + ".";
    }

    /** Equal Shares could not afford it before the greedy fill decided it again. */
    private static boolean notAffordableFirst(Facts f) {
        return f.mesDecision().filter(c -> c.equals("NOT_AFFORDABLE")).isPresent();
    }

    private static String project(Facts f) {
        return f.label("Project", f.id());
    }

    /** "Project 3 (PopUp Podium) got 43 votes and costs €7,200." */
    private static String intro(Facts f) {
        String got = f.support() == 0 ? "no " + votes(f) : count(f, f.support());
        return project(f) + " got " + got + " and costs " + f.amount(f.cost()) + ".";
    }

    private static String votes(Facts f) {
        return f.points ? "points" : "votes";
    }

    private static String count(Facts f, long n) {
        if (f.points) {
            return f.money.number(n) + (n == 1 ? " point" : " points");
        }
        return f.money.number(n) + (n == 1 ? " vote" : " votes");
    }

    private static String turn(Decision.Funded d) {
        return "It was the " + ordinal(d.round()) + " project to get money.";
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix;
        if (mod100 >= 11 && mod100 <= 13) {
            suffix = "th";
        } else {
            suffix = switch (n % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return n + suffix;
    }

    private static String left(Facts f) {
        return "At that moment " + f.amount(f.remainingBefore()) + " was still left, so it fitted.";
    }

    private static String startShare(Facts f) {
        return f.startShare().map(s -> "Each voter started with " + f.amount(s) + " to spend.").orElse("");
    }

    /** What the supporters paid for a project bought with Equal Shares. */
    private static String payments(Facts f) {
        Optional<Facts.Payments> found = f.payments();
        if (found.isEmpty()) {
            return "";
        }
        Facts.Payments p = found.get();
        if (p.payers() == 0) {
            return "It costs nothing, so nobody had to pay.";
        }
        if (p.share() == null) {
            String range = p.min().equals(p.max()) ? f.amount(p.min()) + " each"
                    : "from " + f.amount(p.min()) + " to " + f.amount(p.max()) + " each";
            return "The " + people(p.payers()) + " who gave it points paid " + f.amount(f.cost()) + " together: "
                    + range + ", depending on their points and on what they still had.";
        }
        String nothingLeft = "";
        long broke = f.support() - p.payers();
        if (broke > 0) {
            nothingLeft = broke == 1 ? " 1 voter had no money left." : " " + broke + " voters had no money left.";
        }
        if (p.poor() == 0) {
            String all = p.payers() == 1 ? "The only voter with money paid " + f.amount(p.share()) + "."
                    : "The " + p.payers() + " voters each paid " + f.amount(p.share()) + ".";
            return all + nothingLeft;
        }
        String range = p.poorMin() == null || p.poorMax() == null || p.poorMin().equals(p.poorMax())
                ? (p.poorMin() == null ? "" : " (" + f.amount(p.poorMin()) + (p.poor() == 1 ? "" : " each") + ")")
                : " (from " + f.amount(p.poorMin()) + " to " + f.amount(p.poorMax()) + " each)";
        return voters(p.full()) + " " + (p.full() == 1 ? "paid " : "each paid ") + f.amount(p.share()) + "; "
                + voters(p.poor()) + " had less left and paid all " + (p.poor() == 1 ? "that was" : "they had")
                + " left" + range + "." + nothingLeft;
    }

    private static String voters(long n) {
        return n == 1 ? "1 voter" : n + " voters";
    }

    private static String people(long n) {
        return n == 1 ? "1 person" : n + " people";
    }
}
