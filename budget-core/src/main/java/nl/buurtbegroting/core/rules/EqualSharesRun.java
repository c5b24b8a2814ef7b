package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;

/**
 * One exact run of the Method of Equal Shares (see {@link EqualSharesEngine}): the rounds, the lazy
 * priority queue of prices, ties, and the payments of each purchase. Money lives in {@link ExactMoney},
 * prices come from {@link ExactPricing}, share events go to {@link ShareEvents} and, when explaining,
 * payments to {@link PaymentHistory}.
 */
final class EqualSharesRun {

    private record ClassWeight(int cls, long weight) {
    }

    private final CompiledElection e;
    private final boolean[] candidate;
    private final boolean weighted;
    private final boolean explain;
    /** Null unless the run is share-parametric. */
    private final ShareEvents events;
    private final ExactMoney money;
    private final SupporterItems items = new SupporterItems(64);
    private final ExactPricing pricing;
    private final PaymentHistory history;
    private final int[] groupClass;

    private final BudgetState budget;
    private final Decision[] rejected;
    private final boolean[] funded;
    private final List<Integer> order = new ArrayList<>();
    private final List<int[]> ties = new ArrayList<>();
    private final List<Integer> tieWinners = new ArrayList<>();
    private final List<Map<String, String>> details = new ArrayList<>();
    private final Rational[] rho;

    EqualSharesRun(EqualSharesEngine engine, Rational start, boolean explain, boolean parametric) {
        this.e = engine.e;
        this.candidate = engine.candidate;
        this.weighted = e.pointsBallots;
        this.explain = explain;
        this.events = parametric ? new ShareEvents(start.numerator().longValueExact()) : null;
        this.money = new ExactMoney(start.denominator());
        this.groupClass = new int[e.groups()];
        if (start.signum() > 0 || parametric) {
            int c = money.newClass(start.numerator(), parametric ? BigInteger.ONE : BigInteger.ZERO);
            Arrays.fill(groupClass, c);
        }
        this.pricing = new ExactPricing(e, engine.supporterWeight, money, items, groupClass, events);
        this.budget = new BudgetState(engine.budgetTemplate(), Long.MAX_VALUE / 4);
        this.rejected = new Decision[e.projectCount];
        this.funded = new boolean[e.projectCount];
        this.rho = new Rational[e.projectCount];
        for (int p = 0; p < e.projectCount; p++) {
            details.add(explain ? new HashMap<>() : Map.of());
        }
        this.history = explain ? new PaymentHistory(e, details, rho, order, start) : null;
    }

    EqualSharesEngine.Result execute() {
        Comparator<MesCandidate> byPrice = (a, b) -> {
            int c = a.comparePrice(b);
            return c != 0 ? c : Integer.compare(e.tieRank[a.p()], e.tieRank[b.p()]);
        };
        PriorityQueue<MesCandidate> queue = new PriorityQueue<>(Math.max(1, e.projectCount), byPrice);
        List<Integer> dropped = new ArrayList<>();
        for (int p = 0; p < e.projectCount; p++) {
            if (!candidate[p]) {
                continue;
            }
            ExactPricing.Price price = pricing.price(p);
            if (price.affordable) {
                queue.add(new MesCandidate(p, price.num, price.numSlope, price.den, 0));
            } else {
                dropped.add(p);
            }
        }
        int round = 0;
        while (!queue.isEmpty()) {
            MesCandidate top = queue.poll();
            if (top.round() != round) {
                ExactPricing.Price price = pricing.price(top.p());
                if (price.affordable) {
                    queue.add(new MesCandidate(top.p(), price.num, price.numSlope, price.den, round));
                } else {
                    dropped.add(top.p());
                }
                continue;
            }
            Decision blocker = budget.blocker(top.p());
            if (blocker != null) {
                // Caps only fill up and an incompatible partner stays funded: the project stays out.
                rejected[top.p()] = blocker;
                continue;
            }
            recordTie(queue, top, round);
            if (events != null) {
                for (MesCandidate q : queue) {
                    events.priceOrderEvent(top, q, e.tieRank);
                }
            }
            buy(top.p(), round);
            round++;
        }
        for (int p : dropped) {
            if (rejected[p] == null) {
                rejected[p] = explain ? history.notAffordable(p, money.denom) : new Decision.NotAffordable("", "", "");
            }
        }
        int[] sel = order.stream().mapToInt(Integer::intValue).toArray();
        long cost = 0;
        for (int p : sel) {
            cost = Math.addExact(cost, e.cost[p]);
        }
        return new EqualSharesEngine.Result(sel, cost, funded, rejected, details, ties, tieWinners,
                events == null ? Long.MAX_VALUE : events.nextEvent());
    }

    /** Projects with exactly the winner's price lost only on the tie-breaking rank: record them. */
    private void recordTie(PriorityQueue<MesCandidate> queue, MesCandidate top, int round) {
        List<MesCandidate> equal = new ArrayList<>();
        List<MesCandidate> back = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().samePrice(top)) {
            MesCandidate c = queue.poll();
            if (c.round() != round) {
                ExactPricing.Price price = pricing.price(c.p());
                if (!price.affordable) {
                    back.add(c);
                    continue;
                }
                c = new MesCandidate(c.p(), price.num, price.numSlope, price.den, round);
            }
            back.add(c);
            if (c.samePrice(top) && budget.blocker(c.p()) == null) {
                equal.add(c);
            }
        }
        queue.addAll(back);
        if (!equal.isEmpty()) {
            int[] tied = new int[equal.size() + 1];
            tied[0] = top.p();
            for (int i = 0; i < equal.size(); i++) {
                tied[i + 1] = equal.get(i).p();
            }
            ties.add(tied);
            tieWinners.add(top.p());
        }
    }

    /** Buys p (priced freshly): poor supporters pay all they have, the others pay the share. */
    private void buy(int p, int round) {
        ExactPricing.Price price = pricing.price(p);
        if (explain) {
            // only explanations show rho; reducing the fraction is a gcd of large numbers
            rho[p] = Rational.of(price.num, price.den);
        }
        budget.fund(p);
        funded[p] = true;
        order.add(p);
        if (pricing.rest.signum() == 0) {
            // a project that costs nothing: nobody pays
            if (explain) {
                history.round(new BigInteger[0], BigInteger.ONE);
                history.describePayments(p, new TreeMap<>(), BigInteger.ONE);
            }
            return;
        }
        BigInteger r = BigInteger.valueOf(pricing.weightLeft);
        BigInteger g = pricing.rest.gcd(r).gcd(pricing.restSlope);
        BigInteger f = r.divide(g);
        if (!f.equals(BigInteger.ONE)) {
            money.rescale(f);
        }
        // the share per unit of weight, and its slope, are whole numbers of the (new) unit
        BigInteger share = pricing.rest.divide(g);
        BigInteger shareSlope = pricing.restSlope.divide(g);
        Map<BigInteger, Long> paidBy = explain ? new TreeMap<>() : null;
        List<BigInteger> amounts = explain ? new ArrayList<>() : null;
        if (explain) {
            amounts.add(share);
        }
        if (!weighted) {
            for (int i = 0; i < items.count; i++) {
                int c = items.cls[i];
                BigInteger v = money.value(c);
                if (items.poor[i]) {
                    money.newClassOf[c] = 0;
                    if (explain) {
                        amounts.add(v);
                        money.seen[c] = amounts.size() - 1;
                        paidBy.merge(v, items.voters[i], Long::sum);
                    }
                } else {
                    int after = afterPaying(v, money.slopeOf(c), share, shareSlope);
                    money.newClassOf[c] = after;
                    if (explain) {
                        money.seen[c] = 0;
                        paidBy.merge(share, items.voters[i], Long::sum);
                    }
                }
            }
            for (int grp : e.supporterGroups[p]) {
                int c = groupClass[grp];
                if (c != 0) {
                    if (explain) {
                        history.remember(grp, round, money.seen[c]);
                    }
                    groupClass[grp] = money.newClassOf[c];
                }
            }
        } else {
            Map<ClassWeight, Integer> made = new HashMap<>();
            for (int i = 0; i < items.count; i++) {
                int c = items.cls[i];
                int grp = items.group[i];
                BigInteger v = money.value(c);
                BigInteger w = BigInteger.valueOf(items.weight[i]);
                int n;
                BigInteger pays;
                if (items.poor[i]) {
                    n = 0;
                    pays = v;
                } else {
                    pays = share.multiply(w);
                    ClassWeight key = new ClassWeight(c, items.weight[i]);
                    Integer known = made.get(key);
                    if (known == null) {
                        known = afterPaying(v, money.slopeOf(c), pays, shareSlope.multiply(w));
                        made.put(key, known);
                    }
                    n = known;
                }
                if (explain) {
                    amounts.add(pays);
                    paidBy.merge(pays, items.voters[i], Long::sum);
                    history.remember(grp, round, amounts.size() - 1);
                }
                groupClass[grp] = n;
            }
        }
        if (explain) {
            history.round(amounts.toArray(new BigInteger[0]), money.denom);
            history.describePayments(p, paidBy, money.denom);
        }
    }

    /** The class of voters holding v (slope s) after paying {@code pays} (slope {@code paysSlope}). */
    private int afterPaying(BigInteger v, BigInteger s, BigInteger pays, BigInteger paysSlope) {
        BigInteger left = v.subtract(pays);
        BigInteger leftSlope = s.subtract(paysSlope);
        if (left.signum() == 0 && leftSlope.signum() == 0) {
            return 0;
        }
        return money.newClass(left, leftSlope);
    }
}
