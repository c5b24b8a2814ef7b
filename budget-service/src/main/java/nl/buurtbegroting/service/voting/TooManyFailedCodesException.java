package nl.buurtbegroting.service.voting;

/** An address that sent too many unknown codes; answered with 429 and {@code Retry-After}. */
final class TooManyFailedCodesException extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyFailedCodesException(long retryAfterSeconds) {
        super("too many failed codes", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
