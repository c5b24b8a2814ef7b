package nl.buurtbegroting.service.pabulib;

import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.Violation;


import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an import form, checked the way a JSON body's members are: exactly one part {@code file}, holding a file.
 * A second {@code file} part was ignored (the first was imported and the sender never knew which), and so was any part
 * of another name, as a JSON member given twice or unknown was before the strict reading.
 */
final class UploadParts {

    static final String FILE = "file";

    private UploadParts() {
    }

    static CompletedFileUpload onlyFile(List<CompletedPart> parts) {
        List<Violation> violations = new ArrayList<>();
        CompletedFileUpload file = null;
        int files = 0;
        for (CompletedPart part : parts == null ? List.<CompletedPart>of() : parts) {
            String name = shown(part.getName());
            if (!FILE.equals(part.getName())) {
                violations.add(new Violation(name, "UNKNOWN_PART", "the form has a part '" + name
                        + "'; an import takes only the part 'file'"));
            } else if (++files == 2) {
                violations.add(new Violation(FILE, "REPEATED_PART", "the form has more than one part 'file'; send one file"));
            } else if (files == 1 && part instanceof CompletedFileUpload upload) {
                file = upload;
            } else if (files == 1) {
                violations.add(new Violation(FILE, "NOT_A_FILE", "the part 'file' is a plain field; send it as a file"
                        + " (Content-Disposition with a filename)"));
            }
        }
        if (files == 0) {
            violations.add(0, new Violation(FILE, "PART_MISSING",
                    "the multipart request has no part named 'file'; send the file as that part"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return file;
    }

    /** A part's name as an answer may quote it: its first 100 characters, without control characters. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        String n = name == null ? "" : name;
        n.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(100).forEach(out::appendCodePoint);
        return out.toString();
    }
}
