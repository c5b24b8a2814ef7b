package nl.buurtbegroting.service.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The language switch and the theme's files. */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
class WebController {

    private final Theme theme;

    WebController(Theme theme) {
        this.theme = theme;
    }

    /**
     * Remembers the chosen language for a year and goes back to the page. {@code back} must be a path of this
     * site; anything else (another host, {@code //host}, a scheme) goes to the start page.
     */
    @Get(value = "/language", produces = "text/html")
    HttpResponse<?> language(HttpRequest<?> request) {
        String to = Query.first(request, "to");
        String back = Query.first(request, "back");
        Lang lang = Lang.of(to).orElse(Lang.NL);
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.length() < 300 && back.chars().noneMatch(c -> c < 0x20) ? back : "/";
        return HttpResponse.seeOther(URI.create(target)).cookie(lang.cookie());
    }

    @Get(value = "/theme.css", produces = "text/css;charset=utf-8")
    HttpResponse<String> themeCss() {
        return HttpResponse.ok(theme.css()).header("Cache-Control", "public, max-age=300");
    }

    @Get("/logo")
    HttpResponse<?> logo() throws IOException {
        if (!theme.getLogoFile().isEmpty()) {
            Path file = Path.of(theme.getLogoFile());
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            MediaType type = name.endsWith(".png") ? MediaType.IMAGE_PNG_TYPE : MediaType.of("image/svg+xml");
            return HttpResponse.ok(Files.readAllBytes(file)).contentType(type).header("Cache-Control", "public, max-age=300");
        }
        return HttpResponse.seeOther(URI.create("/static/logo.svg"));
    }
}
