package nl.buurtbegroting.service.manage;

import io.micronaut.http.HttpRequest;
import nl.buurtbegroting.service.web.Form;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a staff member typed into a form that arrived after their session had ended: carried by the sign-in page
 * that follows (as hidden fields, in the browser's own page, never stored on the server) and shown again after
 * the sign-in for a check and a new submit, so a long form (a new election, proposals, paper keying) is not lost.
 *
 * <p>Left out: the CSRF token (the new session has its own, which the page of the new submit carries), passwords
 * and the voting code of a paper ballot (secrets stay out of pages), and anything beyond the limits below. Carried
 * only when the browser still sent the (ended) session's cookie: that cookie is {@code SameSite=Strict}, so the
 * form was sent from these pages and not planted by another site for the next person who signs in. Whoever signs
 * in next sees the values before anything is sent, and sends them with their own rights.
 */
public final class CarriedForm {

    /** The prefix of a carried field on the sign-in page. */
    static final String PREFIX = "carry.";

    private static final int MAX_FIELDS = 400;
    private static final int MAX_CHARS = 200_000;

    private CarriedForm() {
    }

    /** One field as it was posted. */
    public record Field(String name, String value) {
    }

    /** The fields of a form posted without a live session that may be carried; empty when none may. */
    static List<Field> of(HttpRequest<?> request, Form form, String path) {
        if (request.getCookies().get(StaffSessions.COOKIE) == null || !SignInPages.safeBack(path).equals(path)) {
            return List.of();
        }
        return keep(form.names().stream().flatMap(n -> form.all(n).stream().map(v -> new Field(n, v))).toList());
    }

    /** The carried fields the sign-in form sent back ({@code carry.name}), the same limits applied. */
    static List<Field> carried(Form signIn) {
        return keep(signIn.names().stream().filter(n -> n.startsWith(PREFIX))
                .flatMap(n -> signIn.all(n).stream().map(v -> new Field(n.substring(PREFIX.length()), v))).toList());
    }

    private static List<Field> keep(List<Field> fields) {
        List<Field> out = new ArrayList<>();
        int chars = 0;
        for (Field f : fields) {
            if (secret(f.name()) || out.size() >= MAX_FIELDS || (chars += f.name().length() + f.value().length()) > MAX_CHARS) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    static boolean secret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(Manage.CSRF_FIELD) || n.equals("login") || n.equals("back") || n.contains("password")
                || n.equals("ballotcode") || n.startsWith(PREFIX);
    }
}
