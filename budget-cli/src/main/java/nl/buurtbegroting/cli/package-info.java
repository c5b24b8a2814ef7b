/**
 * The {@code budget} command line tool (picocli) on Pabulib election files: {@code allocate} computes
 * the funded projects under one rule (as an aligned table or as a stable JSON contract), {@code compare}
 * sets several rules side by side, {@code validate} checks every ballot against the file's own ballot
 * rules, and {@code explain} says why one project was or was not funded. One class per command, shared
 * options as mixins, rule names taken from {@link nl.buurtbegroting.core.rules.RuleName}; every exit code
 * is defined in {@link nl.buurtbegroting.cli.ExitCodes}, and errors are one line on standard error, never
 * a stack trace. Commands print only through their {@code CommandLine}'s writers, so tests capture them.
 */
package nl.buurtbegroting.cli;
