/**
 * JMH benchmarks of reading Pabulib files and of every rule, on the largest bundled real election
 * and on a generated 100,000-voter election; kept out of the unit tests because shared machines are
 * noisy and a timing is not a test.
 */
package nl.buurtbegroting.bench;
