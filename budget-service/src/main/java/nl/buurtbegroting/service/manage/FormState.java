package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.Violation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A form as it comes back to its page: the values the staff member typed (so nothing is lost) and the
 * errors, each tied to its field (shown beside it and in the summary at the top, linking to the field).
 */
public final class FormState {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    public String v(String name) {
        return values.getOrDefault(name, "");
    }

    /** Whether the form holds this field at all (typed, even as empty), as opposed to a page shown fresh. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public FormState set(String name, Object value) {
        values.put(name, value == null ? "" : value.toString());
        return this;
    }

    public void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public String errorOf(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * Whether a text holds a control character (a NUL, an escape...) that no one types on purpose and that
     * PostgreSQL would refuse; line breaks count only where a field has no room for them.
     */
    public static boolean hasControl(String text, boolean allowLineBreaks) {
        return text.chars().anyMatch(c -> (c < 0x20 && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')))
                || c == 0x7f || (c >= 0x80 && c < 0xa0));
    }

    public Map<String, String> errors() {
        return errors;
    }

    /**
     * Puts a refusal's violations beside the fields they concern, each in the reader's language when the code has a
     * text, with {@code fieldOf} mapping the API's field path to the form's field. Returns whether the problem was a
     * validation problem; any other problem is the caller's to show.
     */
    @SuppressWarnings("unchecked")
    public boolean placed(ManagePage page, ApiProblem problem, UnaryOperator<String> fieldOf) {
        Object violations = problem.getParameters().get("violations");
        if (problem.code() != ProblemCode.VALIDATION_FAILED || !(violations instanceof List<?> list)) {
            return false;
        }
        for (Violation v : (List<Violation>) list) {
            // The service's own message is English: a Dutch page says in Dutch that the field needs a look.
            String text = page.has("problem." + v.code()) ? page.t("problem." + v.code())
                    : page.lang() == nl.buurtbegroting.service.web.Lang.EN ? v.message() : page.t("e.invalid");
            error(fieldOf.apply(v.field()), text);
        }
        return true;
    }
}
