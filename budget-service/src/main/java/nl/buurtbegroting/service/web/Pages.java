package nl.buurtbegroting.service.web;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a page: its jte template (precompiled from {@code src/main/jte} at build time, through
 * micronaut-views-jte) with the layout's {@link Page} and the page's own model, into a complete HTML answer.
 */
@Singleton
public class Pages {

    public static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final HtmlJteViewsRenderer<Map<String, Object>> renderer;
    private final Messages messages;
    private final Theme theme;

    public Pages(HtmlJteViewsRenderer<Map<String, Object>> renderer, Messages messages, Theme theme) {
        this.renderer = renderer;
        this.messages = messages;
        this.theme = theme;
    }

    /** The layout's model for a request: its language and path, and a title from the bundle. */
    public Page page(HttpRequest<?> request, String titleKey, Object... args) {
        return page(request, Lang.of(request), titleKey, args);
    }

    /** The layout's model in a given language: the one a resident just switched to, before the cookie comes back. */
    public Page page(HttpRequest<?> request, Lang lang, String titleKey, Object... args) {
        return new Page(lang, messages, theme, messages.get(lang, titleKey, args), request.getPath());
    }

    public Messages messages() {
        return messages;
    }

    /** The page's HTML. */
    public String html(HttpRequest<?> request, String template, Page page, Object model) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page);
        if (model != null) {
            params.put("m", model);
        }
        Writable out = renderer.render(template, params, request);
        StringWriter w = new StringWriter(16 * 1024);
        try {
            out.writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public io.micronaut.http.MutableHttpResponse<String> respond(HttpRequest<?> request, HttpStatus status, String template, Page page, Object model) {
        return HttpResponse.<String>status(status).body(html(request, template, page, model)).contentType(HTML)
                .header("Content-Language", page.lang().tag());
    }

    public HttpResponse<String> ok(HttpRequest<?> request, String template, Page page, Object model) {
        return respond(request, HttpStatus.OK, template, page, model);
    }

    /**
     * A calm page for an address with nothing behind it, or a step that cannot be taken now. Texts the team typed
     * go in as {@link Page#typed} arguments, to be marked with their language.
     */
    public HttpResponse<String> notice(HttpRequest<?> request, HttpStatus status, String titleKey, String textKey, Object... args) {
        Page page = page(request, titleKey);
        return respond(request, status, "notice", page, new Notice(page.tm(textKey, args), "", "", ""));
    }

    /**
     * The model of the notice page: its text, an optional second paragraph ({@code more}, may be empty) and the
     * way on ({@code href} and {@code link}; the start page when {@code href} is empty).
     */
    public record Notice(gg.jte.Content text, String more, String href, String link) {

        public Notice(String text) {
            this(out -> out.writeContent(Page.escape(text)), "", "", "");
        }
    }
}
