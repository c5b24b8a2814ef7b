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
 * One run of the Method of Equal Shares from a given amount of money per voter, exact and fast.
 *
 * <p><b>Exactness.</b> Every amount of money is an integer number of units of one common denominator
 * {@code D} (a {@link BigInteger}): at the start {@code D} is the denominator of the starting money
 * (the number of voters for B/n, 1 for an integral share). When a project is bought and the equal
 * share is not a whole number of units, {@code D} and every amount are multiplied by the share's
 * denominator, so that the new amounts are again integers. Comparisons are then comparisons of
 * integers (or cross-multiplications of prices); nothing is ever rounded.
 *
 * <p><b>Speed.</b> Voters with identical ballots hold the same money throughout, so the run works on
 * the groups of {@link CompiledElection}. Groups holding the same amount share a <em>money class</em>
 * (one exact value); a project's price is found by counting its supporters per class (integer work
 * only) and then water-filling over the classes in ascending order of money: supporters who cannot
 * pay the equal share pay everything they have, the others pay the share. Only the classes below the
 * water level cost big-integer work. Prices only rise during a run (money only falls), so a price
 * computed in an earlier round is a lower bound; the run keeps the projects in a priority queue by that
 * bound and recomputes only the project at the front until a freshly priced project is at the front
 * (the lazy evaluation of equalshares.net and pabutools, exact here).
 *
 * <p>Complexity per run: O(R (c + K log K) + sum of supporter groups) where R is the number of rounds,
 * c the number of projects recomputed per round (usually a handful) and K the number of money classes.
 */
final class EqualSharesEngine {

    private static final boolean DEBUG = Boolean.getBoolean("mes.debug");
    private final CompiledElection e;
    private final boolean[] candidate;
    private final boolean weighted;
    /** Per project, the weight of each supporter group (points ballots only). */
    private final long[][] supporterWeight;

    /**
     * @param candidate projects MES may fund (eligible and supported); others are left alone
     */
    EqualSharesEngine(CompiledElection e, boolean[] candidate) {
        this.e = e;
        this.candidate = candidate.clone();
        this.weighted = e.pointsBallots;
        this.supporterWeight = new long[e.projectCount][];
        if (weighted) {
            for (int p = 0; p < e.projectCount; p++) {
                int[] gs = e.supporterGroups[p];
                long[] ws = new long[gs.length];
                for (int i = 0; i < gs.length; i++) {
                    int g = gs[i];
                    int j = Arrays.binarySearch(e.groupProjects[g], p);
                    ws[i] = e.groupWeights[g][j];
                }
                supporterWeight[p] = ws;
            }
        }
    }

    /** What a run decided: the projects bought in order, and for each other candidate why not. */
    static final class Result {
        final int[] selected;
        final long cost;
        final boolean[] funded;
        /** Per project: null when funded or not a candidate; otherwise the reason it was not bought. */
        final Decision[] rejected;
        /** Per project: exact figures for explanations (explain runs only). */
        final List<Map<String, String>> details;
        final List<int[]> ties;
        final List<Integer> tieWinners;
        final Rational[] rho;

        Result(int[] selected, long cost, boolean[] funded, Decision[] rejected, List<Map<String, String>> details,
               List<int[]> ties, List<Integer> tieWinners, Rational[] rho) {
            this.selected = selected;
            this.cost = cost;
            this.funded = funded;
            this.rejected = rejected;
            this.details = details;
            this.ties = ties;
            this.tieWinners = tieWinners;
            this.rho = rho;
        }
    }

    /** Runs MES with {@code start} money per voter; {@code explain} also gathers the figures for explanations. */
    Result run(Rational start, boolean explain) {
        return new Run(start, explain).execute();
    }

    /** A price found by water-filling: affordable with rho = num/den, or not, with {@code available} money. */
    private static final class Price {
        boolean affordable;
        /** rho = num / den exactly (den > 0). */
        BigInteger num;
        BigInteger den;
        /** Money of the supporters when not affordable, in units of 1/D. */
        BigInteger available;
    }

    private record Cand(int p, BigInteger num, BigInteger den, int round) {
    }

    private record ClassWeight(int cls, long weight) {
    }

    private final class Run {
        private final boolean explain;
        private int prices;
        private BigInteger denom;
        private BigInteger[] value = new BigInteger[64];
        private int[] members = new int[64];
        private int[] rankOf = new int[64];
        private long[] cnt = new long[64];
        private int[] newClassOf = new int[64];
        private boolean[] poorFlag = new boolean[64];
        private int classCount;
        private final int[] groupClass;

        // water-filling scratch, filled by price(): the items in ascending order of money per unit of weight
        private int itemCount;
        private int[] itemClass = new int[64];
        private long[] itemWeight = new long[64];
        private long[] itemVoters = new long[64];
        private int[] itemGroup = new int[64];
        private long[] keys = new long[64];
        private int split;
        private BigInteger splitRemainder;
        private long splitWeight;

        private final BudgetState budget;
        private final Decision[] rejected;
        private final boolean[] funded;
        private final List<Integer> order = new ArrayList<>();
        private final List<int[]> ties = new ArrayList<>();
        private final List<Integer> tieWinners = new ArrayList<>();
        private final Rational[] rho;

        // explain data: per round, the winner's supporter groups' payments
        private final List<int[]> payIndex = new ArrayList<>();
        private final List<BigInteger[]> payAmount = new ArrayList<>();
        private final List<BigInteger> payDenom = new ArrayList<>();
        private final List<Map<String, String>> details = new ArrayList<>();

        Run(Rational start, boolean explain) {
            this.explain = explain;
            this.denom = start.denominator();
            this.groupClass = new int[e.groups()];
            value[0] = BigInteger.ZERO;
            classCount = 1;
            if (start.signum() > 0) {
                value[1] = start.numerator();
                members[1] = e.groups();
                classCount = 2;
                Arrays.fill(groupClass, 1);
            }
            members[0] = e.groups() - members[1];
            rerank();
            this.budget = new BudgetState(e, Long.MAX_VALUE / 4);
            this.rejected = new Decision[e.projectCount];
            this.funded = new boolean[e.projectCount];
            this.rho = new Rational[e.projectCount];
            for (int p = 0; p < e.projectCount; p++) {
                details.add(explain ? new HashMap<>() : Map.of());
            }
        }

        Result execute() {
            Comparator<Cand> byPrice = (a, b) -> {
                int c = a.num.multiply(b.den).compareTo(b.num.multiply(a.den));
                return c != 0 ? c : Integer.compare(e.tieRank[a.p], e.tieRank[b.p]);
            };
            PriorityQueue<Cand> queue = new PriorityQueue<>(Math.max(1, e.projectCount), byPrice);
            List<Integer> dropped = new ArrayList<>();
            for (int p = 0; p < e.projectCount; p++) {
                if (!candidate[p]) {
                    continue;
                }
                Price price = price(p);
                if (price.affordable) {
                    queue.add(new Cand(p, price.num, price.den, 0));
                } else {
                    dropped.add(p);
                }
            }
            int round = 0;
            while (!queue.isEmpty()) {
                Cand top = queue.poll();
                if (top.round != round) {
                    Price price = price(top.p);
                    if (price.affordable) {
                        queue.add(new Cand(top.p, price.num, price.den, round));
                    } else {
                        dropped.add(top.p);
                    }
                    continue;
                }
                Decision blocker = budget.blocker(top.p);
                if (blocker != null) {
                    // Caps only fill up and an incompatible partner stays funded: the project stays out.
                    rejected[top.p] = blocker;
                    continue;
                }
                recordTie(queue, top, round, byPrice);
                buy(top);
                round++;
            }
            for (int p : dropped) {
                if (rejected[p] == null) {
                    rejected[p] = notAffordable(p);
                }
            }
            if (DEBUG) {
                System.err.println("rounds=" + order.size() + " classes=" + classCount + " prices=" + prices + " groups=" + e.groups() + " bits=" + denom.bitLength());
            }
            int[] sel = order.stream().mapToInt(Integer::intValue).toArray();
            long cost = 0;
            for (int p : sel) {
                cost = Math.addExact(cost, e.cost[p]);
            }
            return new Result(sel, cost, funded, rejected, details, ties, tieWinners, rho);
        }

        /** Projects with exactly the winner's price lost only on the tie-breaking rank: record them. */
        private void recordTie(PriorityQueue<Cand> queue, Cand top, int round, Comparator<Cand> byPrice) {
            List<Cand> equal = new ArrayList<>();
            List<Cand> back = new ArrayList<>();
            while (!queue.isEmpty() && samePrice(queue.peek(), top)) {
                Cand c = queue.poll();
                if (c.round != round) {
                    Price price = price(c.p);
                    if (!price.affordable) {
                        // it is dropped when it comes up again; keep it queued as it was
                        back.add(c);
                        continue;
                    }
                    c = new Cand(c.p, price.num, price.den, round);
                }
                back.add(c);
                if (samePrice(c, top) && budget.blocker(c.p) == null) {
                    equal.add(c);
                }
            }
            queue.addAll(back);
            if (!equal.isEmpty()) {
                int[] tied = new int[equal.size() + 1];
                tied[0] = top.p;
                for (int i = 0; i < equal.size(); i++) {
                    tied[i + 1] = equal.get(i).p;
                }
                ties.add(tied);
                tieWinners.add(top.p);
            }
        }

        private boolean samePrice(Cand a, Cand b) {
            return a.num.multiply(b.den).equals(b.num.multiply(a.den));
        }

        /** Water-fills project p's price over its supporters' current money (fills the item scratch). */
        private Price price(int p) {
            prices++;
            collectItems(p);
            Price price = new Price();
            BigInteger target = denom.multiply(BigInteger.valueOf(e.cost[p]));
            if (target.signum() == 0) {
                price.affordable = true;
                price.num = BigInteger.ZERO;
                price.den = BigInteger.ONE;
                split = 0;
                splitRemainder = BigInteger.ZERO;
                splitWeight = 1;
                return price;
            }
            long weightLeft = 0;
            for (int i = 0; i < itemCount; i++) {
                weightLeft = Math.addExact(weightLeft, Math.multiplyExact(itemVoters[i], itemWeight[i]));
            }
            BigInteger paid = BigInteger.ZERO;
            for (int i = 0; i < itemCount; i++) {
                BigInteger rest = target.subtract(paid);
                BigInteger money = value[itemClass[i]];
                // rich when money >= share = rest * weight / weightLeft
                if (money.multiply(BigInteger.valueOf(weightLeft)).compareTo(rest.multiply(BigInteger.valueOf(itemWeight[i]))) >= 0) {
                    split = i;
                    splitRemainder = rest;
                    splitWeight = weightLeft;
                    price.affordable = true;
                    price.num = rest;
                    long scale = weighted ? 1 : e.cost[p];
                    price.den = denom.multiply(BigInteger.valueOf(weightLeft)).multiply(BigInteger.valueOf(scale));
                    return price;
                }
                paid = paid.add(money.multiply(BigInteger.valueOf(itemVoters[i])));
                weightLeft -= itemVoters[i] * itemWeight[i];
            }
            price.affordable = false;
            price.available = paid;
            return price;
        }

        /** Project p's supporters with money, as items in ascending order of money per unit of weight. */
        private void collectItems(int p) {
            int[] gs = e.supporterGroups[p];
            itemCount = 0;
            if (!weighted) {
                int k = 0;
                for (int g : gs) {
                    int c = groupClass[g];
                    if (c == 0) {
                        continue;
                    }
                    if (cnt[c] == 0) {
                        ensureItems(k + 1);
                        keys[k++] = ((long) rankOf[c] << 32) | c;
                    }
                    cnt[c] += e.groupCount[g];
                }
                Arrays.sort(keys, 0, k);
                for (int i = 0; i < k; i++) {
                    int c = (int) keys[i];
                    itemClass[i] = c;
                    itemWeight[i] = 1;
                    itemVoters[i] = cnt[c];
                    itemGroup[i] = -1;
                    cnt[c] = 0;
                }
                itemCount = k;
                return;
            }
            long[] ws = supporterWeight[p];
            List<Integer> idx = new ArrayList<>(gs.length);
            for (int i = 0; i < gs.length; i++) {
                if (groupClass[gs[i]] != 0 && ws[i] > 0) {
                    idx.add(i);
                }
            }
            idx.sort((a, b) -> {
                int ca = groupClass[gs[a]];
                int cb = groupClass[gs[b]];
                if (ws[a] == ws[b]) {
                    return Integer.compare(rankOf[ca], rankOf[cb]);
                }
                return value[ca].multiply(BigInteger.valueOf(ws[b])).compareTo(value[cb].multiply(BigInteger.valueOf(ws[a])));
            });
            ensureItems(idx.size());
            for (int i = 0; i < idx.size(); i++) {
                int j = idx.get(i);
                itemClass[i] = groupClass[gs[j]];
                itemWeight[i] = ws[j];
                itemVoters[i] = e.groupCount[gs[j]];
                itemGroup[i] = gs[j];
            }
            itemCount = idx.size();
        }

        /** Buys the freshly priced project: poor supporters pay all they have, the others pay the share. */
        private void buy(Cand winner) {
            int p = winner.p;
            Price price = price(p);
            rho[p] = Rational.of(price.num, price.den);
            if (splitRemainder.signum() == 0) {
                // a project that costs nothing: nobody pays
                budget.fund(p);
                funded[p] = true;
                order.add(p);
                if (explain) {
                    int[] none = new int[e.groups()];
                    Arrays.fill(none, -1);
                    payIndex.add(none);
                    payAmount.add(new BigInteger[0]);
                    payDenom.add(BigInteger.ONE);
                    describePayments(p, new TreeMap<>(), BigInteger.ONE);
                }
                return;
            }
            BigInteger share;
            BigInteger[] gcdScale = null;
            if (splitRemainder.signum() == 0) {
                share = BigInteger.ZERO;
            } else {
                BigInteger w = BigInteger.valueOf(splitWeight);
                BigInteger g = splitRemainder.gcd(w);
                BigInteger shareDen = w.divide(g);
                share = splitRemainder.divide(g);
                if (!shareDen.equals(BigInteger.ONE)) {
                    rescale(shareDen);
                }
            }
            // share is now the payment per unit of weight, in units of 1/D
            int[] payIdx = null;
            Map<BigInteger, Long> paidBy = explain ? new TreeMap<>() : null;
            BigInteger d = denom;
            if (explain) {
                payIdx = new int[e.groups()];
                Arrays.fill(payIdx, -1);
            }
            List<BigInteger> amountList = explain ? new ArrayList<>() : null;
            if (!weighted) {
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    if (i < split) {
                        poorFlag[c] = true;
                        newClassOf[c] = 0;
                    } else {
                        BigInteger left = value[c].subtract(share);
                        newClassOf[c] = left.signum() == 0 ? 0 : newClass(left);
                    }
                    if (explain) {
                        BigInteger amount = i < split ? value[c] : share;
                        amountList.add(amount);
                        paidBy.merge(amount, itemVoters[i], Long::sum);
                        newClassIndexForExplain[c] = amountList.size() - 1;
                    }
                }
                for (int g : e.supporterGroups[p]) {
                    int c = groupClass[g];
                    if (c == 0) {
                        continue;
                    }
                    if (explain) {
                        payIdx[g] = newClassIndexForExplain[c];
                    }
                    int n = newClassOf[c];
                    groupClass[g] = n;
                    members[c]--;
                    members[n]++;
                }
                for (int i = 0; i < itemCount; i++) {
                    poorFlag[itemClass[i]] = false;
                }
            } else {
                Map<ClassWeight, Integer> made = new HashMap<>();
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    int g = itemGroup[i];
                    int n;
                    BigInteger pays;
                    if (i < split) {
                        n = 0;
                        pays = value[c];
                    } else {
                        pays = share.multiply(BigInteger.valueOf(itemWeight[i]));
                        BigInteger left = value[c].subtract(pays);
                        n = left.signum() == 0 ? 0 : made.computeIfAbsent(new ClassWeight(c, itemWeight[i]), k -> newClass(left));
                    }
                    if (explain) {
                        BigInteger amount = pays;
                        amountList.add(amount);
                        paidBy.merge(amount, itemVoters[i], Long::sum);
                        payIdx[g] = amountList.size() - 1;
                    }
                    groupClass[g] = n;
                    members[c]--;
                    members[n]++;
                }
            }
            budget.fund(p);
            funded[p] = true;
            order.add(p);
            rerank();
            if (explain) {
                payIndex.add(payIdx);
                payAmount.add(amountList.toArray(new BigInteger[0]));
                payDenom.add(d);
                describePayments(p, paidBy, d);
            }
        }

        private int[] newClassIndexForExplain = new int[64];

        private void describePayments(int p, Map<BigInteger, Long> paidByNum, BigInteger unit) {
            Map<Rational, Long> paidBy = new TreeMap<>();
            paidByNum.forEach((k, v) -> paidBy.merge(Rational.of(k, unit), v, Long::sum));
            Map<String, String> d = details.get(p);
            d.put("rho", rho[p].toString());
            if (!weighted) {
                d.put("share", rho[p].multiply(e.cost[p]).toString());
            }
            long payers = 0;
            long fullShare = 0;
            Rational max = null;
            Rational min = null;
            for (Map.Entry<Rational, Long> en : paidBy.entrySet()) {
                if (en.getKey().signum() == 0) {
                    continue;
                }
                payers += en.getValue();
                max = max == null ? en.getKey() : max.max(en.getKey());
                min = min == null ? en.getKey() : min.min(en.getKey());
            }
            d.put("payers", Long.toString(payers));
            d.put("minPayment", min == null ? "0" : min.toString());
            d.put("maxPayment", max == null ? "0" : max.toString());
            if (!weighted) {
                Rational shareR = rho[p].multiply(e.cost[p]);
                for (Map.Entry<Rational, Long> en : paidBy.entrySet()) {
                    if (en.getKey().equals(shareR)) {
                        fullShare += en.getValue();
                    }
                }
                d.put("paidFullShare", Long.toString(fullShare));
                d.put("paidAllTheyHad", Long.toString(payers - fullShare));
            }
            if (paidBy.size() <= 12) {
                StringBuilder b = new StringBuilder();
                for (Map.Entry<Rational, Long> en : paidBy.entrySet()) {
                    if (en.getKey().signum() == 0) {
                        continue;
                    }
                    if (b.length() > 0) {
                        b.append(';');
                    }
                    b.append(en.getValue()).append('x').append(en.getKey());
                }
                d.put("payments", b.toString());
            }
        }

        /** Not affordable: what the supporters hold at the end, what they lack, and where their money went. */
        private Decision notAffordable(int p) {
            if (!explain) {
                return new Decision.NotAffordable("", "", "");
            }
            BigInteger held = BigInteger.ZERO;
            for (int g : e.supporterGroups[p]) {
                int c = groupClass[g];
                if (c != 0) {
                    held = held.add(value[c].multiply(BigInteger.valueOf(e.groupCount[g])));
                }
            }
            Rational available = Rational.of(held, denom);
            Rational lacking = Rational.of(e.cost[p]).subtract(available);
            Map<String, String> d = details.get(p);
            d.put("available", available.toString());
            d.put("lacking", lacking.toString());
            int best = -1;
            Rational bestAmount = Rational.ZERO;
            StringBuilder spent = new StringBuilder();
            List<Object[]> spentOn = new ArrayList<>();
            for (int r = 0; r < order.size(); r++) {
                int[] idx = payIndex.get(r);
                BigInteger[] amounts = payAmount.get(r);
                long[] voters = new long[amounts.length];
                boolean any = false;
                for (int g : e.supporterGroups[p]) {
                    int k = idx[g];
                    if (k >= 0) {
                        voters[k] += e.groupCount[g];
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                BigInteger sum = BigInteger.ZERO;
                for (int k = 0; k < amounts.length; k++) {
                    if (voters[k] > 0) {
                        sum = sum.add(amounts[k].multiply(BigInteger.valueOf(voters[k])));
                    }
                }
                Rational total = Rational.of(sum, payDenom.get(r));
                if (total.signum() > 0) {
                    int w = order.get(r);
                    spentOn.add(new Object[] {w, total});
                    if (best < 0 || total.compareTo(bestAmount) > 0) {
                        best = w;
                        bestAmount = total;
                    }
                }
            }
            spentOn.sort((a, b) -> ((Rational) b[1]).compareTo((Rational) a[1]));
            for (Object[] o : spentOn) {
                if (spent.length() > 0) {
                    spent.append(';');
                }
                spent.append(e.projects.get((Integer) o[0]).id()).append(':').append(o[1]);
            }
            d.put("spentOn", spent.toString());
            String took = best < 0 ? "" : e.projects.get(best).id();
            return new Decision.NotAffordable(available.toString(), lacking.toString(), took);
        }

        private int newClass(BigInteger v) {
            ensureClasses(classCount + 1);
            value[classCount] = v;
            members[classCount] = 0;
            return classCount++;
        }

        /** Multiplies the common denominator and every amount by {@code factor}, keeping amounts integral. */
        private void rescale(BigInteger factor) {
            denom = denom.multiply(factor);
            for (int c = 1; c < classCount; c++) {
                if (members[c] > 0) {
                    value[c] = value[c].multiply(factor);
                }
            }
        }

        /** Ranks the classes that still have voters by their money, ascending. */
        private void rerank() {
            int live = 0;
            Integer[] ids = new Integer[classCount];
            for (int c = 1; c < classCount; c++) {
                if (members[c] > 0) {
                    ids[live++] = c;
                } else {
                    value[c] = BigInteger.ZERO;
                }
            }
            Arrays.sort(ids, 0, live, (a, b) -> value[a].compareTo(value[b]));
            for (int r = 0; r < live; r++) {
                rankOf[ids[r]] = r + 1;
            }
        }

        private void ensureClasses(int n) {
            if (n > value.length) {
                int size = Math.max(n, value.length * 2);
                value = Arrays.copyOf(value, size);
                members = Arrays.copyOf(members, size);
                rankOf = Arrays.copyOf(rankOf, size);
                cnt = Arrays.copyOf(cnt, size);
                newClassOf = Arrays.copyOf(newClassOf, size);
                poorFlag = Arrays.copyOf(poorFlag, size);
                newClassIndexForExplain = Arrays.copyOf(newClassIndexForExplain, size);
            }
        }

        private void ensureItems(int n) {
            if (n > itemClass.length) {
                int size = Math.max(n, itemClass.length * 2);
                itemClass = Arrays.copyOf(itemClass, size);
                itemWeight = Arrays.copyOf(itemWeight, size);
                itemVoters = Arrays.copyOf(itemVoters, size);
                itemGroup = Arrays.copyOf(itemGroup, size);
                keys = Arrays.copyOf(keys, size);
            }
        }
    }
}
