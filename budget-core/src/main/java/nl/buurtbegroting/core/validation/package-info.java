/**
 * Checks before counting: {@link nl.buurtbegroting.core.validation.BallotValidator} reports every
 * violation of a ballot as a code, a field and a message; {@link nl.buurtbegroting.core.validation.VoterEligibility}
 * and {@link nl.buurtbegroting.core.validation.ProposalEligibility} decide who may vote and which
 * proposals go on the ballot, with verdicts that end up in the outcome.
 */
package nl.buurtbegroting.core.validation;
