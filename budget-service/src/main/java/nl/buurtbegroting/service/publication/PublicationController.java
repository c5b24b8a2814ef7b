package nl.buurtbegroting.service.publication;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.security.Roles;
import nl.buurtbegroting.service.signing.SigningKeyView;
import nl.buurtbegroting.service.signing.SigningKeys;

import java.util.List;
import java.util.Map;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "results")
class PublicationController {

    private static final MediaType ZIP = MediaType.of("application/zip");

    private final PublicationService service;
    private final PublishedResults results;
    private final SigningKeys keys;

    PublicationController(PublicationService service, PublishedResults results, SigningKeys keys) {
        this.service = service;
        this.results = results;
        this.keys = keys;
    }

    @Post("/elections/{id}/publish")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a ratified tally with the council decision's reference (organiser of the election, "
            + "admin): TALLIED -> PUBLISHED; builds and signs the audit bundle once. 200 the public result in its "
            + "compact form (as GET .../result); 400, 403, 404, 409 ELECTION_NOT_TALLIED")
    HttpResponse<byte[]> publish(@PathVariable long id, @Body @Valid PublishRequest request, Authentication authentication) {
        return json(results.remember(id, service.publish(Caller.of(authentication), id, request)).compact());
    }

    @Get("/elections/{id}/result{?explanations}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published result, compact: every project's id, title, categories, cost, support, funded, "
            + "decision and reason (not its exact figures and explanations: see projectDetails), the outcome, turnout "
            + "per channel and batch, the audit bundle's SHA-256 and the signing key's fingerprint; under 2 MB for "
            + "5,000 proposals. ?explanations=all gives the whole document with every project's details and "
            + "explanations (nl, en) for results of at most 500 projects. 400 VALIDATION_FAILED (explanations: "
            + "UNKNOWN_VALUE, RESULT_TOO_LARGE), 404, 409 ELECTION_NOT_PUBLISHED")
    HttpResponse<byte[]> result(@PathVariable long id, @QueryValue @Nullable String explanations) {
        if (explanations == null) {
            return json(results.get(id).compact());
        }
        if (!explanations.equals("all")) {
            throw ApiProblem.invalid("explanations", "UNKNOWN_VALUE",
                    "'explanations' is 'all' or left out; leave it out for the compact result.");
        }
        PublishedResult r = results.get(id);
        if (r.full() == null) {
            throw ApiProblem.invalid("explanations", "RESULT_TOO_LARGE", "This result has " + r.projectCount()
                    + " projects; the whole document is served for at most " + ResultPaging.FULL_LIMIT
                    + ". Read the explanations page by page at " + r.base() + "/projects?page=1&size="
                    + ResultPaging.MAX_SIZE + ", or one project at " + r.base() + "/projects/{id}.");
        }
        return json(r.full());
    }

    @Get("/elections/{id}/result/projects{?page,size}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published result's projects a page at a time, each with everything: exact figures "
            + "(details) and explanations (nl, en). page from 1 (default 1), size 1 to 500 (default 100); the answer "
            + "has page, size, pages, total, projects and links (first, last, prev, next), and a Link header. "
            + "400 VALIDATION_FAILED (page, size: NOT_A_WHOLE_NUMBER, NUMBER_OUT_OF_RANGE, PAGE_AFTER_LAST), 404, "
            + "409 ELECTION_NOT_PUBLISHED")
    HttpResponse<byte[]> projects(@PathVariable long id, @QueryValue @Nullable String page,
                                  @QueryValue @Nullable String size) {
        ResultPaging paging = ResultPaging.parse(page, size);
        PublishedResult r = results.get(id);
        ResultProjectsPage p = ResultProjectsPage.of(r, paging);
        return json(p.json()).header("Link", p.linkHeader());
    }

    @Get("/elections/{id}/result/projects/{proposalId}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One project of the published result with everything: figures, decision, reason, exact "
            + "figures (details) and explanation (nl, en), as in the whole document. 404 PROPOSAL_NOT_FOUND, "
            + "404 ELECTION_NOT_FOUND, 409 ELECTION_NOT_PUBLISHED")
    HttpResponse<byte[]> project(@PathVariable long id, @PathVariable String proposalId) {
        Map<String, Object> p = results.get(id).project(proposalId);
        if (p == null) {
            throw ApiProblem.of(ProblemCode.PROPOSAL_NOT_FOUND, "The result of election " + id
                    + " has no project with this id.");
        }
        return json(CanonicalJson.write(p));
    }

    @Get("/elections/{id}/audit-bundle")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces("application/zip")
    @Operation(summary = "The signed audit bundle (zip of static files, docs/verification.md), the same bytes on every "
            + "download. 404, 409 ELECTION_NOT_PUBLISHED")
    HttpResponse<byte[]> bundle(@PathVariable long id) {
        PublicationService.Bundle bundle = service.bundle(id);
        return HttpResponse.ok(bundle.zip()).contentType(ZIP)
                .header("Content-Disposition", "attachment; filename=\"buurtbegroting-" + id + "-audit-bundle.zip\"")
                .header("ETag", "\"" + bundle.sha256() + "\"")
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(bundle.sha256())));
    }

    @Get("/elections/{id}/receipts/{ballotHash}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "After publication: the receipt of the ballot with this ballotHash (from the voting receipt), "
            + "signed, with its Merkle inclusion proof; check it with `budget verify BUNDLE --receipt FILE`. "
            + "When the ballots were withheld (a small election), only with ?nonce= the ballot's nonce from the "
            + "voting receipt, so nobody but the voter can read a ballot back. 404 RECEIPT_NOT_FOUND, 409 ELECTION_NOT_PUBLISHED")
    HttpResponse<byte[]> receipt(@PathVariable long id, @PathVariable String ballotHash,
                                 @QueryValue @Nullable String nonce) {
        return HttpResponse.ok(service.receipt(id, ballotHash, nonce)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/signing-keys")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Every public key this deployment has signed with: id, raw Ed25519 key (base64), fingerprint "
            + "(SHA-256 of the key, what a verifier must trust), and which one is current")
    List<SigningKeyView> signingKeys() {
        return keys.published();
    }

    private static MutableHttpResponse<byte[]> json(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
