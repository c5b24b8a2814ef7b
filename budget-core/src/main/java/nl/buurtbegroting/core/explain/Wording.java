package nl.buurtbegroting.core.explain;

import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.TieBreak;

/**
 * The sentences of one language: a method per decision kind, the tie sentence and the rule in one
 * sentence. Each implementation keeps all its language's templates together, so that a translator
 * reads one file.
 */
interface Wording {

    Text funded(Facts f, Decision.Funded d);

    Text doesNotFit(Facts f, Decision.DoesNotFit d);

    Text belowThreshold(Facts f, Decision.BelowThreshold d);

    Text notEligible(Facts f, Decision.NotEligible d);

    Text exceedsCategoryCap(Facts f, Decision.ExceedsCategoryCap d);

    Text incompatible(Facts f, Decision.Incompatible d);

    Text stoppedBefore(Facts f, Decision.StoppedBefore d);

    Text notInOptimum(Facts f, Decision.NotInOptimum d);

    Text notAffordable(Facts f, Decision.NotAffordable d);

    Text noSupport(Facts f);

    /** A decision kind this version does not know yet: a plain statement and the rule's own reason. */
    Text other(Facts f, Decision d);

    /** One sentence on a tie this project was part of. */
    String tie(Facts f, TieBreak tie);

    /** The rule in one sentence. */
    String rule(Facts f);
}
