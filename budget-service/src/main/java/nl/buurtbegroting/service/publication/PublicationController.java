package nl.buurtbegroting.service.publication;

import io.micronaut.http.HttpResponse;
import nl.buurtbegroting.service.problem.TextCheck;
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

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "results")
class PublicationController {

    private static final MediaType ZIP = MediaType.of("application/zip");

    private final PublicationService service;
    private final SigningKeys keys;

    PublicationController(PublicationService service, SigningKeys keys) {
        this.service = service;
        this.keys = keys;
    }

    @Post("/elections/{id}/publish")
    @Secured({Roles.ADMIN, Roles.ORGANISER})
    @SecurityRequirement(name = "bearer")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a ratified tally with the council decision's reference (organiser of the election, "
            + "admin): TALLIED -> PUBLISHED; builds and signs the audit bundle once. 200 the public result; "
            + "400, 403, 404, 409 ELECTION_NOT_TALLIED")
    HttpResponse<String> publish(@PathVariable long id, @Body @Valid PublishRequest request, Authentication authentication) {
        TextCheck.require(request);
        return json(service.publish(Caller.of(authentication), id, request));
    }

    @Get("/elections/{id}/result")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published result: outcome with explanations (nl, en), support per project, turnout per "
            + "channel, the audit bundle's SHA-256 and the signing key's fingerprint. 404, 409 ELECTION_NOT_PUBLISHED")
    HttpResponse<String> result(@PathVariable long id) {
        return json(service.result(id));
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
                                 @io.micronaut.http.annotation.QueryValue @io.micronaut.core.annotation.Nullable String nonce) {
        return HttpResponse.ok(service.receipt(id, ballotHash, nonce)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/signing-keys")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Every public key this deployment has signed with: id, raw Ed25519 key (base64), fingerprint "
            + "(SHA-256 of the key, what a verifier must trust), and which one is current")
    List<SigningKeyView> signingKeys() {
        return keys.published();
    }

    private static HttpResponse<String> json(String body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
