package nl.buurtbegroting.core.explain;

import java.util.Optional;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.TieBreak;

/** Dutch at B1 level: short sentences, everyday words, amounts as "€ 1.234,56". */
final class Dutch implements Wording {

    private static final String FUNDED = "Gefinancierd: ";
    private static final String STOPS_HERE =
            "Bij deze regel stopt het verdelen dan: daarna kreeg geen enkel project meer geld.";
    private static final String NOT_FUNDED = "Niet gefinancierd: ";

    @Override
    public Text funded(Facts f, Decision.Funded d) {
        String rule = f.rule();
        if (f.completion(d)) {
            return Text.of(FUNDED + "na het verdelen in gelijke delen was er nog geld over, en dit project paste daarin.",
                    intro(f),
                    notAffordableFirst(f) ? "De mensen die erop stemden, konden het niet alleen betalen." : "",
                    "Het geld dat over was, ging naar de projecten met de meeste " + votes(f) + " die nog pasten.",
                    "Toen dit project aan de beurt was, was er nog " + f.amount(f.remainingBefore())
                            + " over, dus het paste.");
        }
        if (f.equalShares()) {
            Text text = Text.of(FUNDED + "de mensen die erop stemden, konden het samen betalen.", intro(f),
                    startShare(f));
            return text.plus(payments(f));
        }
        switch (rule) {
            case "knapsack":
                return Text.of(FUNDED + "het hoort bij de combinatie van projecten met de meeste " + votes(f)
                                + " die in het budget past.",
                        intro(f),
                        "De gekozen projecten hebben samen " + count(f, f.fundedSupport()) + " en kosten samen "
                                + f.amount(f.outcome.totalCost()) + ".",
                        "Geen andere combinatie die in het budget van " + f.amount(f.budget()) + " past, heeft meer "
                                + votes(f) + ".");
            case "phragmen":
                return Text.of(FUNDED + "de kosten konden eerlijk verdeeld worden over de mensen die erop stemden.",
                        intro(f), turn(f, d), left(f), f.detail(DetailKeys.LOAD).map(l -> "Daarmee droeg ieder van de "
                                + "mensen die erop stemden in totaal " + f.amount(l)
                                + " van de kosten van de gekozen projecten.").orElse(""));
            case "greedy-per-cost":
                return Text.of(FUNDED + "het kreeg veel " + votes(f) + " voor wat het kost, en het paste nog in het budget.",
                        intro(f), turn(f, d), left(f));
            case "greedy":
                return Text.of(FUNDED + "het kreeg genoeg " + votes(f) + " en paste nog in het budget.",
                        intro(f), turn(f, d), left(f));
            default:
                return Text.of(FUNDED + "het project krijgt geld.", intro(f), turn(f, d));
        }
    }

    @Override
    public Text doesNotFit(Facts f, Decision.DoesNotFit d) {
        if (d.remaining() >= f.budget()) {
            return Text.of(NOT_FUNDED + "het kost meer dan het hele budget.", intro(f),
                    "Het hele budget is " + f.amount(f.budget()) + ", dus het past nooit.");
        }
        if (notAffordableFirst(f)) {
            return Text.of(NOT_FUNDED + "de mensen die erop stemden, konden het niet samen betalen, en wat daarna over "
                            + "was, was te weinig.",
                    intro(f),
                    f.detail(DetailKeys.AVAILABLE).isPresent() && f.detail(DetailKeys.LACKING).isPresent()
                            ? "De mensen die erop stemden, hadden samen nog maar " + f.amount(f.detail(DetailKeys.AVAILABLE).get())
                                    + " over: " + f.amount(f.detail(DetailKeys.LACKING).get()) + " te weinig."
                            : "",
                    f.detail(DetailKeys.LACKING).map(l -> spending(f, l, f.spentMostOn().orElse(""))).orElse(""),
                    "Van het budget was daarna nog " + f.amount(d.remaining()) + " over, ook te weinig.");
        }
        String earlier = f.stoppedHere() ? STOPS_HERE : switch (f.rule()) {
            case "greedy" -> "Projecten met meer " + votes(f) + " hadden het geld al gekregen.";
            case "greedy-per-cost" -> "Projecten met meer " + votes(f) + " voor wat ze kosten, hadden het geld al gekregen.";
            default -> "";
        };
        return Text.of(NOT_FUNDED + "er was niet genoeg geld meer over toen het aan de beurt was.", intro(f),
                d.remaining() == 0 ? "Toen het aan de beurt was, was het geld al op."
                        : "Toen het aan de beurt was, was er nog maar " + f.amount(d.remaining()) + " over.",
                d.remaining() == 0 ? "" : "Dat is " + f.amount(d.cost() - d.remaining()) + " te weinig.", earlier);
    }

    @Override
    public Text belowThreshold(Facts f, Decision.BelowThreshold d) {
        return Text.of(NOT_FUNDED + "het kreeg te weinig " + votes(f) + ".",
                project(f) + " kreeg " + count(f, d.support()) + ".",
                "Een project moet minstens " + count(f, d.threshold()) + " krijgen om mee te doen.",
                "Daarom deed het niet mee bij het verdelen van het geld.");
    }

    @Override
    public Text notEligible(Facts f, Decision.NotEligible d) {
        return Text.of(NOT_FUNDED + "het project mocht niet meedoen aan de stemming.",
                project(f) + " kost " + f.amount(f.cost()) + ".",
                "De reden dat het niet mocht meedoen: " + Texts.sentence(d.publicReason()),
                "Een project dat niet mag meedoen, kan geen geld krijgen.");
    }

    @Override
    public Text exceedsCategoryCap(Facts f, Decision.ExceedsCategoryCap d) {
        long left = Math.max(0, d.cap() - d.spentInCategory());
        return Text.of(NOT_FUNDED + "er mocht niet meer geld naar projecten in de categorie \"" + d.category() + "\".",
                intro(f),
                "Aan projecten in de categorie \"" + d.category() + "\" mag samen hoogstens " + f.amount(d.cap())
                        + " besteed worden.",
                left == 0 ? "Dat geld was al helemaal gebruikt."
                        : "Daarvan was al " + f.amount(d.spentInCategory()) + " gebruikt, dus er was nog " + f.amount(left)
                                + " over.",
                "Dat is te weinig voor dit project.");
    }

    @Override
    public Text incompatible(Facts f, Decision.Incompatible d) {
        String other = f.label("project", d.fundedProject());
        return Text.of(NOT_FUNDED + "het kan niet samen met project " + d.fundedProject()
                        + ", en dat project kreeg al geld.",
                intro(f),
                "Van dit project en " + other + " kan er maar één uitgevoerd worden.",
                Texts.capitalize(other) + " kreeg al geld, dus dit project niet meer.");
    }

    @Override
    public Text stoppedBefore(Facts f, Decision.StoppedBefore d) {
        return Text.of(NOT_FUNDED + "het verdelen van het geld was al gestopt voordat dit project aan de beurt was.",
                intro(f),
                "Bij deze regel stopt het verdelen bij het eerste project dat niet meer past.",
                "Dat was " + f.label("project", d.stoppedAt()) + (d.remaining() == 0 ? ": het geld was al op."
                        : ": er was nog maar " + f.amount(d.remaining()) + " over."),
                f.cost() <= d.remaining()
                        ? "Dit project had daar wel in gepast, maar het kwam pas daarna aan de beurt."
                        : "Dit project kwam pas daarna aan de beurt, en had ook niet gepast.");
    }

    @Override
    public Text notInOptimum(Facts f, Decision.NotInOptimum d) {
        return Text.of(NOT_FUNDED + "het hoort niet bij de combinatie van projecten met de meeste " + votes(f)
                        + " die in het budget past.",
                intro(f),
                "De gekozen projecten hebben samen " + count(f, d.optimumSupport()) + " en kosten samen "
                        + f.amount(f.outcome.totalCost()) + ".",
                "Een combinatie met dit project erin die in het budget van " + f.amount(f.budget())
                        + " past, heeft niet meer " + votes(f) + ".");
    }

    @Override
    public Text notAffordable(Facts f, Decision.NotAffordable d) {
        String money = d.available().isBlank() || d.lacking().isBlank()
                ? "De mensen die erop stemden, hadden samen niet genoeg geld meer over om het te betalen."
                : "De mensen die erop stemden, hadden samen nog maar " + f.amount(d.available()) + " over: "
                        + f.amount(d.lacking()) + " te weinig.";
        String took = spending(f, d.lacking(), d.tookMoney().isBlank() ? f.spentMostOn().orElse("") : d.tookMoney());
        return Text.of(NOT_FUNDED + "de mensen die erop stemden, hadden samen niet genoeg geld meer over.",
                intro(f), startShare(f), money, took);
    }

    @Override
    public Text noSupport(Facts f) {
        return Text.of(NOT_FUNDED + "niemand heeft op dit project gestemd.",
                project(f) + " kost " + f.amount(f.cost()) + " en kreeg geen " + votes(f) + ".",
                "Bij deze regel krijgt een project zonder " + votes(f) + " geen geld.");
    }

    @Override
    public Text other(Facts f, Decision d) {
        return Text.of((d.funded() ? "Gefinancierd." : "Niet gefinancierd."), intro(f),
                "De reden (in het Engels): " + Texts.sentence(d.reason()));
    }

    @Override
    public String tie(Facts f, TieBreak tie) {
        String others = Texts.list(f.others(tie).stream().map(id -> "project " + id).toList(), "en");
        String winner = tie.winner().equals(f.id()) ? "dit project" : "project " + tie.winner();
        return "Het stond gelijk met " + others + "; " + winner + " ging voor, omdat " + policy(tie.policy()) + ".";
    }

    private static String policy(String spec) {
        if (spec.equals("default")) {
            return "bij gelijke stand eerst het project met de meeste stemmen voorgaat, dan het goedkoopste, en dan het "
                    + "project dat eerder op de lijst staat";
        }
        if (spec.equals("id")) {
            return "bij gelijke stand het kleinste projectnummer voorgaat (gelezen als tekst, dus 10 vóór 9)";
        }
        if (spec.equals("id-desc")) {
            return "bij gelijke stand het grootste projectnummer voorgaat (gelezen als tekst, dus 9 vóór 10)";
        }
        if (spec.startsWith("random:")) {
            return "bij gelijke stand geloot is, op een manier die iedereen kan nadoen (startgetal "
                    + spec.substring("random:".length()) + ")";
        }
        return "bij gelijke stand een volgorde geldt die vooraf is vastgelegd";
    }

    @Override
    public String rule(Facts f) {
        String v = votes(f);
        return switch (f.rule()) {
            case "greedy" -> "Zo werkt het: de projecten met de meeste " + v + " krijgen als eerste geld, en "
                    + (f.ruleStopped() ? "bij het eerste project dat niet meer past, stopt het verdelen."
                            : "een project dat niet meer past, wordt overgeslagen.");
            case "greedy-per-cost" -> "Zo werkt het: de projecten met de meeste " + v + " voor wat ze kosten, krijgen als "
                    + "eerste geld, en " + (f.ruleStopped() ? "bij het eerste project dat niet meer past, stopt het verdelen."
                            : "een project dat niet meer past, wordt overgeslagen.");
            case "knapsack" -> "Zo werkt het: de combinatie van projecten die samen de meeste " + v
                    + " heeft en in het budget past, krijgt het geld.";
            case "mes", "mes-add1" -> "Zo werkt het: iedere stemmer krijgt "
                    + (f.raisedShare() ? "een gelijk bedrag te besteden (ongeveer het budget gedeeld door het aantal "
                            + "stemmers, zo nodig verhoogd zodat het geld goed gebruikt wordt)" : "een gelijk deel van het budget")
                    + (f.greedyFill() ? ", een project krijgt geld als de mensen die erop stemden het samen kunnen betalen, "
                            + "en wat overblijft, gaat naar de projecten met de meeste " + v + " die nog passen."
                            : ", en een project krijgt geld als de mensen die erop stemden het samen kunnen betalen (het "
                                    + "project dat per stemmer het minst kost, gaat eerst).");
            case "phragmen" -> "Zo werkt het: de kosten van elk gekozen project worden zo gelijk mogelijk verdeeld over "
                    + "de mensen die erop stemden, het project dat hen het minst belast, gaat eerst, en bij het eerste "
                    + "project dat niet past, stopt het verdelen.";
            default -> "Zo werkt het: de regel \"" + f.rule() + "\" bepaalt welke projecten geld krijgen.";
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
            return "Ook met het geld dat ze aan andere projecten besteedden (" + f.amount(spent.get().toString())
                    + "), was het te weinig geweest.";
        }
        if (took.isBlank()) {
            return "";
        }
        Optional<String> amount = f.spentOn(took);
        return spent.isPresent() && amount.isPresent()
                ? "Ze hadden al " + f.amount(spent.get().toString()) + " aan andere projecten besteed, het meest aan "
                        + f.label("project", took) + ": " + f.amount(amount.get()) + "."
                : "Het grootste deel van wat ze uitgaven, ging naar " + f.label("project", took) + ".";
    }

    /** Equal Shares could not afford it before the greedy fill decided it again. */
    private static boolean notAffordableFirst(Facts f) {
        return f.mesDecision().filter(c -> c.equals("NOT_AFFORDABLE")).isPresent();
    }

    private static String project(Facts f) {
        return f.label("Project", f.id());
    }

    /** "Project 3 (PopUp Podium) kreeg 43 stemmen en kost € 7.200." */
    private static String intro(Facts f) {
        String got = f.support() == 0 ? "geen " + votes(f) : count(f, f.support());
        return project(f) + " kreeg " + got + " en kost " + f.amount(f.cost()) + ".";
    }

    private static String votes(Facts f) {
        return f.points ? "punten" : "stemmen";
    }

    private static String count(Facts f, long n) {
        if (f.points) {
            return f.money.number(n) + (n == 1 ? " punt" : " punten");
        }
        return f.money.number(n) + (n == 1 ? " stem" : " stemmen");
    }

    private static String turn(Facts f, Decision.Funded d) {
        return "Het was het " + d.round() + "e project dat geld kreeg.";
    }

    private static String left(Facts f) {
        return "Er was toen nog " + f.amount(f.remainingBefore()) + " over, dus het paste.";
    }

    private static String startShare(Facts f) {
        return f.startShare().map(s -> "Iedere stemmer had aan het begin " + f.amount(s) + " te besteden.").orElse("");
    }

    /** What the supporters paid for a project bought with Equal Shares. */
    private static String payments(Facts f) {
        Optional<Facts.Payments> found = f.payments();
        if (found.isEmpty()) {
            return "";
        }
        Facts.Payments p = found.get();
        if (p.payers() == 0) {
            return "Het kost niets, dus niemand hoefde te betalen.";
        }
        if (p.share() == null) {
            String range = p.min().equals(p.max()) ? "elk " + f.amount(p.min())
                    : "van " + f.amount(p.min()) + " tot " + f.amount(p.max()) + " per persoon";
            return "De " + people(p.payers()) + " die punten gaven, betaalden samen " + f.amount(f.cost()) + ": "
                    + range + ", afhankelijk van hun punten en van wat ze nog hadden.";
        }
        String nothingLeft = "";
        long broke = f.support() - p.payers();
        if (broke > 0) {
            nothingLeft = broke == 1 ? " 1 stemmer had geen geld meer over."
                    : " " + broke + " stemmers hadden geen geld meer over.";
        }
        if (p.poor() == 0) {
            String all = p.payers() == 1 ? "De enige stemmer met geld betaalde " + f.amount(p.share()) + "."
                    : "De " + p.payers() + " stemmers betaalden elk " + f.amount(p.share()) + ".";
            return all + nothingLeft;
        }
        String range = p.poorMin() == null || p.poorMax() == null || p.poorMin().equals(p.poorMax())
                ? (p.poorMin() == null ? "" : " (" + f.amount(p.poorMin()) + (p.poor() == 1 ? "" : " per persoon") + ")")
                : " (van " + f.amount(p.poorMin()) + " tot " + f.amount(p.poorMax()) + " per persoon)";
        return voters(p.full()) + " " + (p.full() == 1 ? "betaalde " : "betaalden elk ") + f.amount(p.share()) + "; "
                + voters(p.poor()) + " " + (p.poor() == 1 ? "had minder over en betaalde alles wat er nog was"
                        : "hadden minder over en betaalden alles wat ze nog hadden")
                + range + "." + nothingLeft;
    }

    private static String voters(long n) {
        return n == 1 ? "1 stemmer" : n + " stemmers";
    }

    private static String people(long n) {
        return n == 1 ? "1 persoon" : n + " mensen";
    }
}
