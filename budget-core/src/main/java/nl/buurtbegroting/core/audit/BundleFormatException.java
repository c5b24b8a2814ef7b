package nl.buurtbegroting.core.audit;

/**
 * A bundle file (or a receipt) that cannot be read as the format requires: which file, where in it
 * (a JSON path such as {@code $.ballots[3].nonce}, a byte offset or a line) and what is wrong.
 */
public class BundleFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String location;
    private final String detail;

    public BundleFormatException(String file, String location, String detail) {
        super(file + (location.isEmpty() ? "" : " at " + location) + ": " + detail);
        this.file = file;
        this.location = location;
        this.detail = detail;
    }

    public String file() {
        return file;
    }

    public String location() {
        return location;
    }

    public String detail() {
        return detail;
    }
}
