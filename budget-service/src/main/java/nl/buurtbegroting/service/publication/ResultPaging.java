package nl.buurtbegroting.service.publication;

import nl.buurtbegroting.service.problem.ApiProblem;

/**
 * The paging parameters of a result's projects ({@code ?page=&size=}), checked with precise errors: a page is
 * counted from 1, a size from 1 to {@link #MAX_SIZE}, and a page past the last one is refused rather than answered
 * with an empty list, so a client that loops until there is no {@code next} link cannot miss that it went wrong.
 *
 * @param page 1-based page number
 * @param size projects per page
 */
record ResultPaging(int page, int size) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;
    /**
     * Most projects for which the whole document (every explanation) is served in one answer: about 3.6 KB a
     * project, so 500 keep it under 2 MB.
     */
    static final int FULL_LIMIT = 500;

    /** Reads the raw query values (null when absent). */
    static ResultPaging parse(String page, String size) {
        return new ResultPaging(number("page", page, 1, Integer.MAX_VALUE, 1),
                number("size", size, 1, MAX_SIZE, DEFAULT_SIZE));
    }

    private static int number(String field, String raw, int min, int max, int absent) {
        if (raw == null) {
            return absent;
        }
        if (!raw.matches("-?[0-9]+")) {
            throw ApiProblem.invalid(field, "NOT_A_WHOLE_NUMBER", "'" + field + "' must be a whole number from "
                    + min + (max == Integer.MAX_VALUE ? " on" : " to " + max) + ".");
        }
        // A whole number, but perhaps negative or of more digits than any page: said as out of range, with the value.
        long value = raw.length() > 11 ? Long.MAX_VALUE : Long.parseLong(raw);
        if (value < min || value > max) {
            raw = raw.length() > 20 ? raw.substring(0, 20) + "..." : raw;
            throw ApiProblem.invalid(field, "NUMBER_OUT_OF_RANGE", "'" + field + "' must be from " + min
                    + (max == Integer.MAX_VALUE ? " on" : " to " + max) + "; it is " + raw + ".");
        }
        return (int) value;
    }

    /** Pages of this size needed for {@code total} projects (at least 1, so an empty result has page 1). */
    int pages(int total) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** Refuses a page past the last one. */
    void requireWithin(int total) {
        int last = pages(total);
        if (page > last) {
            throw ApiProblem.invalid("page", "PAGE_AFTER_LAST", "This result has " + total + " projects, so "
                    + last + (last == 1 ? " page" : " pages") + " of " + size + "; page " + page + " does not exist.");
        }
    }

    int from(int total) {
        return (int) Math.min(total, (long) (page - 1) * size);
    }

    int to(int total) {
        return (int) Math.min(total, (long) page * size);
    }
}
