/**
 * Elections: their configuration (budget, categories with caps, ballot format and limits, allocation
 * rule, tie-breaking, voter eligibility, voting window), who may see and change them, and the one-way
 * lifecycle {@code DRAFT → OPEN → CLOSED → TALLIED → PUBLISHED}. Nothing that decides the outcome can
 * change after an election opens.
 */
package nl.buurtbegroting.service.election;
