package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.RuleName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "What if": every rule run on one real election (last year's Pabulib file), side by side: how many projects
 * each would have funded, how much it would have spent, and how many voters got at least one project they
 * chose. Counted by budget-core's rules, exactly as a tally would; a rule that cannot count the file's ballots
 * says so instead of a number.
 */
public final class WhatIf {

    /** One rule's figures; {@code refused} is set when the rule cannot count these ballots. */
    public record Row(String rule, int funded, long spent, long satisfied, String refused) {
    }

    /** The comparison: the election's name, budget, voters and one row per rule. */
    public record Comparison(String name, long budget, int projects, int voters, List<Row> rows) {
        public long percent(long part) {
            return voters == 0 ? 0 : Math.round(100.0 * part / voters);
        }
    }

    private WhatIf() {
    }

    static Comparison compare(Election election) {
        List<Row> rows = new ArrayList<>();
        for (RuleName rule : RuleName.values()) {
            try {
                Outcome o = rule.create().allocate(election);
                Set<String> funded = new HashSet<>(o.selected());
                long satisfied = 0;
                for (Ballot b : election.profile().ballots()) {
                    if (b.supported().stream().anyMatch(funded::contains)) {
                        satisfied++;
                    }
                }
                rows.add(new Row(rule.label(), o.selected().size(), o.totalCost(), satisfied, ""));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(rule.label(), 0, 0, 0, e.getMessage() == null ? "" : e.getMessage()));
            }
        }
        return new Comparison(election.instance().name(), election.instance().budget(),
                election.instance().projects().size(), election.profile().size(), rows);
    }
}
