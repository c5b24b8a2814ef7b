package nl.buurtbegroting.service.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing wrong with a request or an election: the JSON path of the field, a stable code and a message
 * for people.
 */
@Serdeable
public record Violation(String field, String code, String message) {
}
