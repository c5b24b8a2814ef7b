package nl.buurtbegroting.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;

/**
 * Which proposals go on the ballot: the cost must lie within the election's minimum and maximum
 * project cost, and the team may refuse a proposal with a public reason. The verdicts become each
 * project's {@link Eligibility}, so rules never fund a refused proposal and the outcome says why.
 *
 * @param minimumCost lowest cost a proposal may have, or null
 * @param maximumCost highest cost a proposal may have, or null
 * @param refused     proposals refused by the team: id to public reason
 */
public record ProposalEligibility(Long minimumCost, Long maximumCost, Map<String, String> refused) {

    public ProposalEligibility {
        refused = refused == null ? Map.of() : Map.copyOf(refused);
        if (minimumCost != null && maximumCost != null && minimumCost > maximumCost) {
            throw new IllegalArgumentException("minimum project cost " + minimumCost + " is above the maximum " + maximumCost);
        }
    }

    public Eligibility verdict(Project p) {
        String reason = refused.get(p.id());
        if (reason != null) {
            return Eligibility.notAdmitted(reason);
        }
        if (minimumCost != null && p.cost() < minimumCost) {
            return Eligibility.notAdmitted("costs " + p.cost() + ", below the minimum project cost of " + minimumCost);
        }
        if (maximumCost != null && p.cost() > maximumCost) {
            return Eligibility.notAdmitted("costs " + p.cost() + ", above the maximum project cost of " + maximumCost);
        }
        return p.eligibility();
    }

    /** The instance with every project's verdict applied (earlier refusals are kept). */
    public Instance apply(Instance instance) {
        List<Project> judged = new ArrayList<>();
        for (Project p : instance.projects()) {
            judged.add(p.withEligibility(verdict(p)));
        }
        return instance.withProjects(judged);
    }
}
