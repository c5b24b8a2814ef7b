package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import nl.buurtbegroting.service.web.MultipartParts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The parts of an organiser page's file form, read the way the API's import reads its form ({@code UploadParts}):
 * binding by name took the first of two parts of one name and dropped the second and any part of another name, so a
 * hand-made (or broken) form imported one of two files without saying which. Here every part is seen, and what is
 * odd becomes a message for the file field in the reader's language: a repeated part, an unknown part, a file sent
 * as plain text. A browser's own form never trips these. An empty file never arrives as a part (the server drops it),
 * so it is answered as no file at all, with a message that names both.
 */
final class PageParts {

    /** The form as read: its text fields (first value), its file, and the message key and argument of its fault. */
    record Parts(Map<String, String> fields, @Nullable CompletedFileUpload file, @Nullable String fault,
                 @Nullable String faultArg) {

        @Nullable String field(String name) {
            return fields.get(name);
        }

        /** The file's name as a page or a reader's message may show it: 100 characters, no control characters. */
        String fileName() {
            return file == null ? "" : shown(file.getFilename());
        }

        byte[] bytes() {
            try {
                return file == null ? new byte[0] : file.getBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final String FILE = "file";

    private PageParts() {
    }

    /**
     * Waits (on the blocking pool the pages run on; the event loop keeps delivering) for every part, then checks
     * them. A failure while the parts arrive (a part too large) is thrown as itself, for the page's own handler.
     */
    static Parts read(MultipartBody body, Set<String> fieldNames) {
        List<CompletedPart> parts;
        try {
            parts = MultipartParts.collect(body).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        return check(parts, fieldNames);
    }

    static Parts check(List<CompletedPart> parts, Set<String> fieldNames) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        CompletedFileUpload file = null;
        String fault = null;
        String arg = null;
        for (CompletedPart part : parts) {
            String name = part.getName() == null ? "" : part.getName();
            int times = seen.merge(name, 1, Integer::sum);
            boolean isFile = FILE.equals(name);
            if (!isFile && !fieldNames.contains(name)) {
                if (fault == null) {
                    fault = "upload.unknownPart";
                    arg = shown(name);
                }
                continue;
            }
            if (times > 1) {
                if (fault == null || fault.equals("upload.unknownPart")) {
                    fault = isFile ? "upload.twoFiles" : "upload.repeatedPart";
                    arg = shown(name);
                }
                continue;
            }
            if (isFile && part instanceof CompletedFileUpload upload) {
                file = upload;
            } else if (isFile) {
                if (text(part).isEmpty()) {
                    continue;
                }
                if (fault == null) {
                    fault = "upload.notAFile";
                }
            } else {
                fields.put(name, text(part));
            }
        }
        return new Parts(fields, fault == null ? file : null, fault, arg);
    }

    private static String text(CompletedPart part) {
        try {
            return new String(part.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name as a message may quote it: its first 100 characters, without control characters. */
    static String shown(@Nullable String name) {
        StringBuilder out = new StringBuilder();
        int[] kept = (name == null ? "" : name).codePoints().filter(cp -> !Character.isISOControl(cp)).toArray();
        for (int i = 0; i < Math.min(100, kept.length); i++) {
            out.appendCodePoint(kept[i]);
        }
        return kept.length > 100 ? out + "…" : out.toString();
    }
}
