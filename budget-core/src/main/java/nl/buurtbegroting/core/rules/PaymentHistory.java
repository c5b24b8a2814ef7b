package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Decision;

/**
 * Who paid what in an explained run of {@link EqualSharesEngine}, and the exact figures the explanations
 * are made of: for a funded project what its supporters paid, for a project the run could not afford what
 * its supporters still held, what they lacked and where their money went. The history is kept compactly:
 * per round the distinct amounts paid (over that round's denominator), per group an entry (group, round,
 * amount index) for each payment.
 */
final class PaymentHistory {

    private final CompiledElection e;
    private final boolean weighted;
    private final List<Map<String, String>> details;
    private final Rational[] rho;
    /** The projects bought, in order (the run's own list, read at the end). */
    private final List<Integer> order;
    private final BigInteger startNum;
    private final BigInteger startDen;

    private int[] histGroup = new int[0];
    private int[] histRound = new int[0];
    private int[] histAmount = new int[0];
    private int histSize;
    private final List<BigInteger[]> roundAmounts = new ArrayList<>();
    private final List<BigInteger> roundDenom = new ArrayList<>();

    private int[] historyStart;
    private int[] historyEntry;
    private int[] roundOffset;
    private int[] slotRound;
    private long[] slotVoters;
    private int[] slotTouched;

    PaymentHistory(CompiledElection e, List<Map<String, String>> details, Rational[] rho, List<Integer> order,
                   Rational start) {
        this.e = e;
        this.weighted = e.pointsBallots;
        this.details = details;
        this.rho = rho;
        this.order = order;
        this.startNum = start.numerator();
        this.startDen = start.denominator();
    }

    /** Closes a round: the distinct amounts paid in it (indexed by {@link #remember}), over its denominator. */
    void round(BigInteger[] amounts, BigInteger denom) {
        roundAmounts.add(amounts);
        roundDenom.add(denom);
    }

    void remember(int group, int round, int amount) {
        if (histSize == histGroup.length) {
            int size = Math.max(1024, histSize * 2);
            histGroup = Arrays.copyOf(histGroup, size);
            histRound = Arrays.copyOf(histRound, size);
            histAmount = Arrays.copyOf(histAmount, size);
        }
        histGroup[histSize] = group;
        histRound[histSize] = round;
        histAmount[histSize] = amount;
        histSize++;
    }

    void describePayments(int p, Map<BigInteger, Long> paidBy, BigInteger unit) {
        Map<String, String> d = details.get(p);
        d.put(DetailKeys.RHO, rho[p].toString());
        Rational shareR = rho[p].multiply(e.cost[p]);
        if (!weighted) {
            d.put(DetailKeys.PROJECT_SHARE, shareR.toString());
        }
        // paidBy is keyed by numerators over one unit, so its order is the order of the amounts
        long payers = 0;
        long fullShare = 0;
        BigInteger shareNum = weighted ? null : shareR.numerator().multiply(unit).divide(shareR.denominator());
        StringBuilder list = new StringBuilder();
        for (Map.Entry<BigInteger, Long> en : paidBy.entrySet()) {
            if (en.getKey().signum() == 0) {
                continue;
            }
            payers += en.getValue();
            if (!weighted && en.getKey().equals(shareNum)) {
                fullShare += en.getValue();
            }
            if (paidBy.size() <= 12) {
                if (list.length() > 0) {
                    list.append(';');
                }
                list.append(en.getValue()).append('x').append(Rational.of(en.getKey(), unit));
            }
        }
        BigInteger lowest = null;
        for (BigInteger k : paidBy.keySet()) {
            if (k.signum() > 0) {
                lowest = k;
                break;
            }
        }
        d.put(DetailKeys.PAYERS, Long.toString(payers));
        d.put(DetailKeys.MIN_PAYMENT, lowest == null ? "0" : Rational.of(lowest, unit).toString());
        d.put(DetailKeys.MAX_PAYMENT, paidBy.isEmpty() ? "0" : Rational.of(((TreeMap<BigInteger, Long>) paidBy).lastKey(), unit).toString());
        if (!weighted) {
            d.put(DetailKeys.PAID_FULL_SHARE, Long.toString(fullShare));
            d.put(DetailKeys.PAID_ALL_THEY_HAD, Long.toString(payers - fullShare));
        }
        if (paidBy.size() <= 12) {
            d.put(DetailKeys.PAYMENTS, list.toString());
        }
    }

    /** Not affordable: what the supporters hold at the end, what they lack, and where their money went. */
    Decision notAffordable(int p, BigInteger denom) {
        int[] gs = e.supporterGroups[p];
        // voters per (round, amount) among p's supporters, then one exact sum per round
        if (historyStart == null) {
            indexHistory();
        }
        int touched = 0;
        for (int g : gs) {
            for (int h = historyStart[g]; h < historyStart[g + 1]; h++) {
                int x = historyEntry[h];
                int slot = roundOffset[histRound[x]] + histAmount[x];
                if (slotVoters[slot] == 0) {
                    slotTouched[touched++] = slot;
                }
                slotVoters[slot] += e.groupCount[g];
            }
        }
        BigInteger[] perRound = new BigInteger[order.size()];
        for (int t = 0; t < touched; t++) {
            int slot = slotTouched[t];
            int r = slotRound[slot];
            BigInteger add = roundAmounts.get(r)[slot - roundOffset[r]].multiply(BigInteger.valueOf(slotVoters[slot]));
            perRound[r] = perRound[r] == null ? add : perRound[r].add(add);
            slotVoters[slot] = 0;
        }
        // where their money went, largest first (exact order; equal amounts in the order funded)
        List<Integer> top = new ArrayList<>();
        double[] approxSpent = new double[perRound.length];
        for (int r = 0; r < perRound.length; r++) {
            if (perRound[r] != null && perRound[r].signum() > 0) {
                top.add(r);
                approxSpent[r] = EqualSharesEngine.ratio(perRound[r], roundDenom.get(r));
            }
        }
        top.sort((a, b) -> {
            double x = approxSpent[a];
            double y = approxSpent[b];
            if (Math.abs(x - y) > EqualSharesEngine.RELATIVE_MARGIN * Math.max(x, y) + EqualSharesEngine.ABSOLUTE_MARGIN) {
                return x > y ? -1 : 1;
            }
            int c = perRound[b].multiply(roundDenom.get(a)).compareTo(perRound[a].multiply(roundDenom.get(b)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        // what they hold = what they got - what they paid (cheaper than reading every money class)
        long voters = 0;
        for (int g : gs) {
            voters += e.groupCount[g];
        }
        BigInteger held = startNum.multiply(BigInteger.valueOf(voters)).multiply(denom.divide(startDen));
        for (int r = 0; r < perRound.length; r++) {
            if (perRound[r] != null) {
                held = held.subtract(perRound[r].multiply(denom.divide(roundDenom.get(r))));
            }
        }
        Rational available = Rational.of(held, denom);
        Rational lacking = Rational.of(e.cost[p]).subtract(available);
        Map<String, String> d = details.get(p);
        d.put(DetailKeys.AVAILABLE, available.toString());
        d.put(DetailKeys.LACKING, lacking.toString());
        StringBuilder spent = new StringBuilder();
        for (int r : top) {
            if (spent.length() > 0) {
                spent.append(';');
            }
            spent.append(e.projects.get(order.get(r)).id()).append(':').append(Rational.of(perRound[r], roundDenom.get(r)));
        }
        d.put(DetailKeys.SPENT_ON, spent.toString());
        String took = top.isEmpty() ? "" : e.projects.get(order.get(top.get(0))).id();
        return new Decision.NotAffordable(available.toString(), lacking.toString(), took);
    }

    /** Groups the payment history by group (a counting sort), so a project's supporters find theirs. */
    private void indexHistory() {
        roundOffset = new int[roundAmounts.size() + 1];
        for (int r = 0; r < roundAmounts.size(); r++) {
            roundOffset[r + 1] = roundOffset[r] + roundAmounts.get(r).length;
        }
        int slots = roundOffset[roundAmounts.size()];
        slotRound = new int[slots];
        for (int r = 0; r < roundAmounts.size(); r++) {
            Arrays.fill(slotRound, roundOffset[r], roundOffset[r + 1], r);
        }
        slotVoters = new long[slots];
        slotTouched = new int[slots];
        historyStart = new int[e.groups() + 1];
        for (int h = 0; h < histSize; h++) {
            historyStart[histGroup[h] + 1]++;
        }
        for (int g = 0; g < e.groups(); g++) {
            historyStart[g + 1] += historyStart[g];
        }
        int[] fill = Arrays.copyOf(historyStart, e.groups());
        historyEntry = new int[histSize];
        for (int h = 0; h < histSize; h++) {
            historyEntry[fill[histGroup[h]]++] = h;
        }
    }
}
