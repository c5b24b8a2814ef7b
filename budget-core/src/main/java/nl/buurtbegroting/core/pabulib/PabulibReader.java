package nl.buurtbegroting.core.pabulib;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * Reads a Pabulib {@code .pb} file (plain or gzipped) into an {@link Election}.
 *
 * <p>The format is the one described at pabulib.org and read by pabutools: UTF-8 text in three
 * sections {@code META}, {@code PROJECTS}, {@code VOTES}, each a {@code ;}-separated table whose first
 * line is its header. The reader follows pabutools where the published files depend on it (quotes,
 * blank lines, repeated ids in a ballot) and is stricter where pabutools would silently read nonsense:
 * every problem is a {@link PabulibFormatException} with a line, a field and a stable code, and no
 * election is built unless the whole input is valid.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Every META key is kept in {@link Instance#meta()} in file order, including the ones that are
 *       also read into typed fields, so that {@link PabulibWriter} can write them back.</li>
 *   <li>{@code vote_type} is required ({@link ErrorCode#MISSING_VOTE_TYPE}): it decides how {@code vote}
 *       is read, and pabutools 1.2.3 fails on a file without it too.</li>
 *   <li>Costs must be whole amounts ({@code 20000.0} is accepted). A fractional budget is rounded
 *       down, the original staying in META: costs are integers, so a set of projects fits within
 *       {@code B} exactly when it fits within {@code floor(B)}, and greedy and knapsack outcomes are
 *       unchanged. (The per-voter share of the Method of Equal Shares, {@code B / n}, does change.)
 *       {@code budget_per_category} is rounded down for the same reason.</li>
 *   <li>An approval or choose-1 ballot is a set (a repeated id counts once); a cumulative ballot maps
 *       projects to points and a repeated id keeps its last points, which is how the published
 *       reference outcomes read {@code Netherlands_Amsterdam_604} and {@code Poland_Czestochowa_2020}.
 *       Empty entries in a vote list ({@code 1,,2}) are skipped, except in cumulative ballots where
 *       they would shift the points.</li>
 *   <li>{@code num_projects} and {@code num_votes} must match the rows ({@link ErrorCode#COUNT_MISMATCH}):
 *       all published files checked agree, so a mismatch means a truncated or edited file. This can be
 *       relaxed with {@link Options#strictCounts()}.</li>
 *   <li>Empty cells are not stored as attributes: an empty cell and an absent column mean the same.</li>
 *   <li>Project columns {@code admitted} (1/0) and {@code admission_reason} carry the
 *       {@link Eligibility} verdict; they are what {@link PabulibWriter} writes for it.</li>
 * </ul>
 *
 * <p>Reading is a single pass over the bytes without regular expressions, linear in the size of the
 * input; text read from a {@link Reader} is encoded to UTF-8 and takes the same path.
 */
public final class PabulibReader {

    /**
     * Limits and strictness.
     *
     * @param maxBytes     largest accepted input, in bytes after decompression (characters when reading
     *                     from a {@link Reader})
     * @param maxRows      largest accepted number of records (lines), blank ones included
     * @param strictCounts whether {@code num_projects} / {@code num_votes} must match the rows
     */
    public record Options(long maxBytes, long maxRows, boolean strictCounts) {

        /** 512 MiB, ten million rows, counts checked. */
        public static final Options DEFAULT = new Options(512L * 1024 * 1024, 10_000_000L, true);

        public Options {
            if (maxBytes <= 0 || maxRows <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        public Options withMaxBytes(long bytes) {
            return new Options(bytes, maxRows, strictCounts);
        }

        public Options withMaxRows(long rows) {
            return new Options(maxBytes, rows, strictCounts);
        }

        public Options withStrictCounts(boolean strict) {
            return new Options(maxBytes, maxRows, strict);
        }
    }

    private PabulibReader() {
    }

    /** Reads a file; gzip is recognised by its first bytes, whatever the name. */
    public static Election read(Path path) throws IOException {
        return read(path, Options.DEFAULT);
    }

    public static Election read(Path path, Options options) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, String.valueOf(path.getFileName()), options);
        }
    }

    /** Reads bytes (plain or gzipped UTF-8); {@code sourceName} only appears in error messages. */
    public static Election read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, Options.DEFAULT);
    }

    public static Election read(InputStream in, String sourceName, Options options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        String name = sourceName == null ? "" : sourceName;
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        InputStream plain = buffered;
        if (isGzip(buffered)) {
            plain = new GzipErrors(new GZIPInputStream(buffered, 1 << 16), name);
        }
        return new PabulibParse(new RecordTokenizer(plain, name, options.maxBytes(), options.maxRows()), name, options).run();
    }

    /** Reads characters; a leading byte-order mark is ignored. */
    public static Election read(Reader reader, String sourceName) throws IOException {
        return read(reader, sourceName, Options.DEFAULT);
    }

    public static Election read(Reader reader, String sourceName, Options options) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(options, "options");
        String name = sourceName == null ? "" : sourceName;
        // the size limit counts characters here; the tokenizer's own byte limit is off
        ReaderBytes bytes = new ReaderBytes(reader, name, options.maxBytes());
        return new PabulibParse(new RecordTokenizer(bytes, name, Long.MAX_VALUE, options.maxRows()), name, options).run();
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    /** Turns a damaged gzip stream into a format error rather than a bare I/O failure. */
    private static final class GzipErrors extends FilterInputStream {
        private final String sourceName;

        GzipErrors(InputStream in, String sourceName) {
            super(in);
            this.sourceName = sourceName;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw broken(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw broken(e);
            }
        }

        private PabulibFormatException broken(IOException e) {
            return new PabulibFormatException(ErrorCode.INVALID_GZIP, sourceName, 0, "",
                    "the input looks gzipped but cannot be decompressed (" + e.getMessage() + ")");
        }
    }
}
