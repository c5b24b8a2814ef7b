/**
 * Errors as {@code application/problem+json}: every error the API returns has a stable {@code type}
 * URI and a machine {@code code}, validation errors name the {@code field} at fault, and an unexpected
 * failure is a bare 500 that reveals nothing of the service's internals. Built on micronaut-problem-json;
 * this package replaces its defaults where they would pass framework messages through.
 */
package nl.buurtbegroting.service.problem;
