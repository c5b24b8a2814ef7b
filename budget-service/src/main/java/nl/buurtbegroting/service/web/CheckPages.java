package nl.buurtbegroting.service.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.audit.Digest;
import nl.buurtbegroting.core.audit.Receipt;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.publication.PublicationService;
import org.zalando.problem.ThrowableProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * "Check your ballot" ({@code /elections/{id}/check}): after publication a resident pastes the ballot hash or
 * uploads the receipt file and sees whether the ballot is in the published list. The server checks the
 * inclusion proof against the published Merkle root and the signature against the bundle's key; with
 * JavaScript the page does the same check itself from the public API (so the resident need not trust this
 * page's answer).
 */
@Controller("/elections/{id}/check")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckPages {

    private final Pages pages;
    private final ElectionService elections;
    private final PublicationService publication;

    CheckPages(Pages pages, ElectionService elections, PublicationService publication) {
        this.pages = pages;
        this.elections = elections;
        this.publication = publication;
    }

    /**
     * The check page's model; {@code outcome} is empty before a check, else INCLUDED, NOT_INCLUDED (no such receipt,
     * or not in the tree), NEEDS_FILE or INVALID.
     */
    public record CheckPage(ElectionView election, String hash, String outcome, String root, boolean withheld) {

        public CheckPage(ElectionView election, String hash, String outcome, String root) {
            this(election, hash, outcome, root, false);
        }

        public boolean published() {
            return election.state() == ElectionState.PUBLISHED;
        }
    }

    @Get(produces = "text/html")
    HttpResponse<String> show(HttpRequest<?> request, @PathVariable String id) {
        ElectionView e = election(Ids.parse(id));
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        return pages.ok(request, "check", pages.page(request, "check.title"), new CheckPage(e, "", "", root(e), withheld(e)));
    }

    @Post(consumes = {MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED}, produces = "text/html")
    HttpResponse<String> check(HttpRequest<?> request, @PathVariable String id, @Part("hash") @Nullable String hash,
                               @Part("receipt") @Nullable CompletedFileUpload receipt) throws IOException {
        ElectionView e = election(Ids.parse(id));
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        String root = root(e);
        if (e.state() != ElectionState.PUBLISHED) {
            return pages.ok(request, "check", pages.page(request, "check.title"), new CheckPage(e, "", "", root));
        }
        String wanted = hash == null ? "" : hash.strip().toLowerCase(Locale.ROOT);
        if (receipt != null && receipt.getSize() >= 1_000_000) {
            return tooLarge(request, e, HttpStatus.UNPROCESSABLE_ENTITY);
        }
        String nonce = null;
        if (receipt != null && receipt.getSize() > 0 && receipt.getSize() < 1_000_000) {
            byte[] file = receipt.getBytes();
            wanted = hashInFile(file);
            nonce = nonceInFile(file);
        }
        boolean withheld = withheld(e);
        // A small election publishes no ballots: only the receipt file (which holds the ballot's nonce) finds one.
        String outcome = withheld && nonce == null && wanted.matches("[0-9a-f]{64}") ? "NEEDS_FILE"
                : outcome(e, wanted, nonce, root);
        HttpStatus status = outcome.equals("INCLUDED") ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY;
        Page page = pages.page(request, "check.title");
        if (status != HttpStatus.OK) {
            // The title is read first by a screen reader: it says at once that the check did not succeed.
            page = new Page(page.lang(), page.messages(), page.theme(), page.t("vote.errorPrefix") + " " + page.title(), page.path());
        }
        return pages.respond(request, status, "check", page,
                new CheckPage(e, wanted.length() > 80 ? wanted.substring(0, 80) : wanted, outcome, root, withheld));
    }

    /**
     * A file far larger than any receipt (a photo chosen by mistake) is stopped while it arrives, before the method
     * above runs; the resident gets this page back with the reason beside the file field, not the API's JSON.
     */
    @Error(exception = ContentLengthExceededException.class)
    HttpResponse<String> tooLarge(HttpRequest<?> request) {
        String[] parts = request.getPath().split("/");
        ElectionView e = parts.length > 2 ? election(Ids.parse(parts[2])) : null;
        if (e == null) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
        }
        return tooLarge(request, e, HttpStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    /** A receipt file is a few kilobytes: a file of a megabyte or more is not one, and the page says so. */
    private HttpResponse<String> tooLarge(HttpRequest<?> request, ElectionView e, HttpStatus status) {
        Page page = pages.page(request, "check.title");
        page = new Page(page.lang(), page.messages(), page.theme(), page.t("vote.errorPrefix") + " " + page.title(), page.path());
        return pages.respond(request, status, "check", page, new CheckPage(e, "", "FILE_TOO_LARGE", root(e), withheld(e)));
    }

    /** The leaf hash a receipt file names, or "" when the file is not a receipt. */
    @SuppressWarnings("unchecked")
    private static String hashInFile(byte[] file) {
        try {
            Object json = CanonicalJson.readLenient("receipt", file);
            if (json instanceof Map<?, ?> m && m.get("leafHash") instanceof String s) {
                return s.toLowerCase(Locale.ROOT);
            }
        } catch (RuntimeException e) {
            // Not JSON: treated as a hash that is not found.
        }
        return "";
    }

    /**
     * The ballot nonce a receipt file holds, or null. When an election withheld its ballots the service shows
     * a ballot only to whoever has its nonce, so a resident who uploads the receipt file can still check it;
     * a typed hash alone then finds nothing, like any unknown hash.
     */
    @Nullable
    private static String nonceInFile(byte[] file) {
        try {
            Object json = CanonicalJson.readLenient("receipt", file);
            if (json instanceof Map<?, ?> m && m.get("ballot") instanceof Map<?, ?> b && b.get("nonce") instanceof String s) {
                return s;
            }
        } catch (RuntimeException e) {
            // Not JSON: no nonce.
        }
        return null;
    }

    private String outcome(ElectionView e, String hash, @Nullable String nonce, String root) {
        if (!hash.matches("[0-9a-f]{64}")) {
            return "INVALID";
        }
        byte[] file;
        try {
            file = publication.receipt(e.id(), hash, nonce);
        } catch (ThrowableProblem problem) {
            return "NOT_INCLUDED";
        }
        VoteType type = switch (e.ballot().format()) {
            case CUMULATIVE -> VoteType.CUMULATIVE;
            case CHOOSE_ONE -> VoteType.CHOOSE_ONE;
            default -> VoteType.APPROVAL;
        };
        Receipt r = Receipt.parse(file, type);
        boolean included = r.inclusion() != null && !root.isEmpty() && r.inclusion().verifies(r.leafHash(), Digest.parseHex(root));
        return included ? "INCLUDED" : "NOT_INCLUDED";
    }

    @SuppressWarnings("unchecked")
    private String root(ElectionView e) {
        if (e.state() != ElectionState.PUBLISHED) {
            return "";
        }
        Map<String, Object> m = (Map<String, Object>) CanonicalJson.readLenient("result",
                publication.result(e.id()).getBytes(StandardCharsets.UTF_8));
        Object bundle = m.get("auditBundle");
        return bundle instanceof Map<?, ?> b && b.get("merkleRoot") instanceof String s ? s : "";
    }

    /** Whether the published result says the ballots were withheld (fewer voters than the minimum). */
    private boolean withheld(ElectionView e) {
        return e.state() == ElectionState.PUBLISHED && publication.result(e.id()).contains("\"ballotsPublished\":false");
    }

    @Nullable
    private ElectionView election(long id) {
        try {
            return elections.get(null, id);
        } catch (ThrowableProblem problem) {
            return null;
        }
    }

}
