package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.pabulib.PabulibService;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Pages that take a Pabulib file: a new election imported from one (with its proposals, as a starting point),
 * and the "what if" comparison of every rule on last year's election (an uploaded file, or the bundled real
 * example). The CSRF token travels as a part of the multipart form.
 */
@Controller("/manage")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class FilePages {

    /** The bundled real election (Assen 2024) that the demo also uses. */
    static final String EXAMPLE = "demo/Netherlands_Assen_2024.pb";

    private final Manage manage;
    private final PabulibService pabulib;

    FilePages(Manage manage, PabulibService pabulib) {
        this.manage = manage;
        this.pabulib = pabulib;
    }

    /** The upload page: its kind ("import" or "whatif"), an error for the file field, and a comparison. */
    public record Upload(String kind, FormState form, WhatIf.@Nullable Comparison comparison) {
    }

    @Get(value = "/import", produces = "text/html")
    HttpResponse<?> importForm(HttpRequest<?> request) {
        return manage.get(request, staff -> manage.ok(request, staff, "upload", "import.title",
                new Upload("import", new FormState(), null)));
    }

    @Post(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA, produces = "text/html")
    HttpResponse<?> importFile(HttpRequest<?> request, @Body MultipartBody body) {
        PageParts.Parts parts = PageParts.read(body, Set.of("csrf"));
        return manage.post(request, parts.field("csrf"), staff -> {
            ManagePage page = manage.page(request, staff, "import.title");
            FormState form = new FormState();
            if (refused(page, parts, form, false)) {
                return manage.render(request, HttpStatus.BAD_REQUEST, "upload", page, new Upload("import", form, null));
            }
            try {
                ElectionView e = pabulib.importElection(staff.caller(), parts.bytes(), parts.fileName());
                return manage.seeOther("/manage/elections/" + e.id());
            } catch (ApiProblem problem) {
                form.error("file", fileError(page, problem));
                return manage.render(request, HttpStatus.BAD_REQUEST, "upload", page, new Upload("import", form, null));
            }
        });
    }

    @Get(value = "/whatif", produces = "text/html")
    HttpResponse<?> whatIfForm(HttpRequest<?> request) {
        return manage.get(request, staff -> manage.ok(request, staff, "upload", "whatif.title",
                new Upload("whatif", new FormState(), null)));
    }

    @Post(value = "/whatif", consumes = MediaType.MULTIPART_FORM_DATA, produces = "text/html")
    HttpResponse<?> whatIf(HttpRequest<?> request, @Body MultipartBody body) {
        PageParts.Parts parts = PageParts.read(body, Set.of("csrf", "example"));
        return manage.post(request, parts.field("csrf"), staff -> {
            ManagePage page = manage.page(request, staff, "whatif.title");
            FormState form = new FormState();
            byte[] data;
            String name;
            if (refused(page, parts, form, parts.field("example") != null)) {
                return manage.render(request, HttpStatus.BAD_REQUEST, "upload", page, new Upload("whatif", form, null));
            } else if (parts.file() != null) {
                data = parts.bytes();
                name = parts.fileName();
            } else {
                data = example();
                name = "Netherlands_Assen_2024.pb";
            }
            try {
                WhatIf.Comparison c = WhatIf.compare(PabulibService.read(data, name));
                return manage.render(request, HttpStatus.OK, "upload", page, new Upload("whatif", form, c));
            } catch (ApiProblem problem) {
                form.error("file", fileError(page, problem));
                return manage.render(request, HttpStatus.BAD_REQUEST, "upload", page, new Upload("whatif", form, null));
            }
        });
    }

    /**
     * A file over the service's 8 MB is stopped while it arrives, before the methods above run: the page comes back
     * with the reason beside the file field instead of the API's JSON.
     */
    @Error(exception = ContentLengthExceededException.class)
    HttpResponse<?> tooLarge(HttpRequest<?> request, ContentLengthExceededException tooLarge) {
        String kind = request.getPath().endsWith("/whatif") ? "whatif" : "import";
        return manage.get(request, staff -> {
            ManagePage page = manage.page(request, staff, kind + ".title");
            FormState form = new FormState();
            form.error("file", page.t(tooLargeKey(tooLarge)));
            return manage.render(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "upload", page, new Upload(kind, form, null));
        });
    }

    /**
     * A file's problem with its line and field when the reader named them. The reader's own detail is English; a Dutch
     * reader gets the text of its stable code, with the line and the column or META key it names.
     */
    static String fileError(ManagePage page, ApiProblem problem) {
        Object line = problem.getParameters().get("line");
        Object field = problem.getParameters().get("field");
        Object code = problem.getParameters().get("pabulibCode");
        String detail = problem.getDetail() == null ? "" : problem.getDetail();
        if (problem.code() == ProblemCode.INVALID_PABULIB && page.lang() == Lang.NL && code != null
                && page.has("pabulib." + code)) {
            String reason = page.t("pabulib." + code);
            String where = line == null ? reason : field == null ? page.t("upload.whereLine", line, reason)
                    : page.t("upload.where", line, field, reason);
            return page.t("upload.invalid", where);
        }
        if (problem.code() == ProblemCode.INVALID_PABULIB) {
            return line == null ? page.t("upload.invalid", detail) : page.t("upload.invalidAt", line, detail);
        }
        return page.has("problem." + problem.code()) ? page.t("problem." + problem.code()) : detail;
    }

    /**
     * Puts the form's fault, or a missing file where one is needed, beside the file field. A file may be missing
     * only when the form asked for something else instead (the bundled example).
     */
    static boolean refused(ManagePage page, PageParts.Parts parts, FormState form, boolean fileOptional) {
        if (parts.fault() != null) {
            form.error("file", page.t(parts.fault(), parts.faultArg()));
        } else if (parts.file() == null && !fileOptional) {
            form.error("file", page.t("upload.missing"));
        }
        return form.hasErrors();
    }

    /**
     * What stopped the form while it arrived: the service's messages (TooLargeHandler reads the same ones) tell a
     * file over 8 MB from a file name too long to read and from a form of too many parts.
     */
    static String tooLargeKey(ContentLengthExceededException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("buffered form field")) {
            return "upload.nameTooLong";
        }
        return m.contains("Number of form fields") ? "upload.tooManyParts" : "upload.tooLarge";
    }

    private static byte[] example() {
        try (InputStream in = FilePages.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
