package nl.buurtbegroting.core.pabulib;

import java.util.Objects;

/**
 * A Pabulib file that cannot be read, with where and why: the 1-based line of the record at fault
 * (0 when the problem is not about one line, such as a missing section), the column or META key
 * concerned (empty when none) and a stable {@link ErrorCode} that callers can map to exit codes or
 * problem types without parsing the message.
 */
public final class PabulibFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Stable codes for everything the reader rejects; the names are part of the public API. */
    public enum ErrorCode {
        /** The input has no content at all (or only blank lines). */
        EMPTY_FILE,
        /** The input exceeds the configured size or row limit. */
        TOO_LARGE,
        /** The bytes are not valid UTF-8. */
        INVALID_ENCODING,
        /** The input starts like gzip but is not a valid gzip stream. */
        INVALID_GZIP,
        /** A double-quoted field is not closed before the end of the input. */
        UNTERMINATED_QUOTE,
        /** Content appears before the first section line. */
        UNKNOWN_SECTION,
        /** One of META, PROJECTS, VOTES never appears. */
        MISSING_SECTION,
        /** A section appears twice. */
        DUPLICATE_SECTION,
        /** A section appears before one that must precede it (META, PROJECTS, VOTES). */
        SECTION_ORDER,
        /** A section line is not followed by a header line. */
        MISSING_HEADER,
        /** A required column (project_id, cost, voter_id, vote, points) is absent. */
        MISSING_COLUMN,
        /** A header names the same column twice (case-insensitive, aliases included). */
        DUPLICATE_COLUMN,
        /** A row has more or fewer fields than its header. */
        WRONG_FIELD_COUNT,
        /** A META key appears twice. */
        DUPLICATE_META_KEY,
        /** META has no budget. */
        MISSING_BUDGET,
        /** META has no vote_type. */
        MISSING_VOTE_TYPE,
        /** vote_type is not approval, choose-1, cumulative or ordinal. */
        UNKNOWN_VOTE_TYPE,
        /** A number cannot be read. */
        INVALID_NUMBER,
        /** An amount or a limit is below zero. */
        NEGATIVE_AMOUNT,
        /** A cost or a limit has a fractional part. */
        FRACTIONAL_AMOUNT,
        /** Ballot limits in META contradict each other (a minimum above its maximum). */
        INVALID_LIMITS,
        /** budget_per_category cannot be matched to categories. */
        INVALID_CATEGORY_CAPS,
        /** incompatible_groups names an unknown project, a project twice in a group, or a group of fewer than two. */
        INVALID_INCOMPATIBLE_GROUPS,
        /** A project id, voter id or META key is empty. */
        EMPTY_ID,
        /** Two projects have the same id. */
        DUPLICATE_PROJECT,
        /** The admitted / admission_reason columns are unreadable or a rejection has no reason. */
        INVALID_ELIGIBILITY,
        /** Two ballots have the same voter id. */
        DUPLICATE_VOTER,
        /** A vote names a project that is not in PROJECTS. */
        UNKNOWN_PROJECT,
        /** An ordinal ballot ranks a project twice. */
        REPEATED_PROJECT,
        /** A choose-1 ballot names more than one project. */
        TOO_MANY_CHOICES,
        /** A cumulative ballot names projects but gives no points. */
        MISSING_POINTS,
        /** A cumulative ballot has a different number of points than projects. */
        POINTS_MISMATCH,
        /** Points are not non-negative whole numbers. */
        INVALID_POINTS,
        /** num_projects or num_votes disagrees with the rows actually present. */
        COUNT_MISMATCH
    }

    private final ErrorCode code;
    private final String sourceName;
    private final int line;
    private final String field;
    private final String detail;

    public PabulibFormatException(ErrorCode code, String sourceName, int line, String field, String detail) {
        super(render(sourceName, line, field, detail));
        this.code = Objects.requireNonNull(code, "code");
        this.sourceName = sourceName == null ? "" : sourceName;
        this.line = Math.max(0, line);
        this.field = field == null ? "" : field;
        this.detail = detail == null ? "" : detail;
    }

    private static String render(String sourceName, int line, String field, String detail) {
        StringBuilder sb = new StringBuilder();
        if (sourceName != null && !sourceName.isEmpty()) {
            sb.append(sourceName).append(", ");
        }
        if (line > 0) {
            sb.append("line ").append(line).append(", ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append("field ").append(field).append(", ");
        }
        if (sb.length() > 0) {
            sb.setLength(sb.length() - 2);
            sb.append(": ");
        }
        return sb.append(detail).toString();
    }

    public ErrorCode code() {
        return code;
    }

    /** The name the input was read under (a file name), empty when none was given. */
    public String sourceName() {
        return sourceName;
    }

    /** 1-based line of the record at fault; 0 when the problem is not about one line. */
    public int line() {
        return line;
    }

    /** The column or META key concerned; empty when the problem is about a whole row or the file. */
    public String field() {
        return field;
    }

    /** The explanation without the location prefix. */
    public String detail() {
        return detail;
    }
}
