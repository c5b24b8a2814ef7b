package nl.buurtbegroting.core.rules;

/** A rule was asked to count an election it cannot honour; the message says what and why. */
public class UnsupportedElectionException extends IllegalArgumentException {
    public UnsupportedElectionException(String message) {
        super(message);
    }
}
