/**
 * Proposals: the projects residents vote on, each with a cost in the election's currency unit, an
 * optional category and an eligibility verdict with a public reason when it is not admitted. They can
 * be added and changed only while their election is a DRAFT.
 */
package nl.buurtbegroting.service.proposal;
