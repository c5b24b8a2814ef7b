package nl.buurtbegroting.service.proposal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The new order of an election's proposals: every proposal id exactly once, first shown first. */
@Serdeable
public record ProposalOrder(@Nullable List<Long> proposalIds) {
}
