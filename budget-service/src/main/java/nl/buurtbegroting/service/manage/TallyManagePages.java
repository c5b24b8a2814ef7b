package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.publication.PublicationService;
import nl.buurtbegroting.service.publication.PublishRequest;
import nl.buurtbegroting.service.tally.TallyService;
import nl.buurtbegroting.service.voting.BallotScrub;
import nl.buurtbegroting.service.voting.ScrubResult;
import nl.buurtbegroting.service.web.Ids;
import nl.buurtbegroting.service.web.ResultPage;

/**
 * After the close: the scrub (explained), the tally, the review of the outcome with its explanations before
 * anything is public, and publication with the council decision. Each button is one service call.
 */
@Controller("/manage/elections/{id}/tally")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TallyManagePages {

    private final Manage manage;
    private final ElectionService elections;
    private final TallyService tally;
    private final PublicationService publication;
    private final BallotScrub scrub;

    TallyManagePages(Manage manage, ElectionService elections, TallyService tally, PublicationService publication,
                     BallotScrub scrub) {
        this.manage = manage;
        this.elections = elections;
        this.tally = tally;
        this.publication = publication;
        this.scrub = scrub;
    }

    /** The review page: the election, the tally (null before it), the publish form and the last scrub's figures. */
    public record Review(ElectionView election, @Nullable ResultPage result, FormState form, @Nullable ScrubResult scrubbed,
                         boolean canChange) {
        public String state() {
            return election.state().name();
        }
    }

    @Get(produces = "text/html")
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        return manage.get(request, staff -> render(request, staff, electionId, new FormState(), null, HttpStatus.OK));
    }

    @Post(value = "/count", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> count(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            tally.tally(staff.caller(), electionId);
            return manage.seeOther("/manage/elections/" + electionId + "/tally");
        });
    }

    @Post(value = "/scrub", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> scrub(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) ->
                render(request, staff, electionId, new FormState(), scrub.scrub(staff.caller(), electionId), HttpStatus.OK));
    }

    @Post(value = "/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> publish(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        long electionId = Ids.parse(id);
        return manage.post(request, body, (staff, form) -> {
            FormState state = new FormState().set("councilDecision", form.get("councilDecision"));
            String decision = state.v("councilDecision").strip();
            if (decision.isEmpty() || decision.length() > 200 || FormState.hasControl(decision, false)) {
                ManagePage page = manage.page(request, staff, "tally.title", "");
                state.error("councilDecision", decision.isEmpty() || decision.length() > 200
                        ? page.t("e.text", page.lower("f.councilDecision"), 200) : page.t("e.control", page.t("f.councilDecision")));
                return render(request, staff, electionId, state, null, HttpStatus.BAD_REQUEST);
            }
            publication.publish(staff.caller(), electionId, new PublishRequest(decision));
            return manage.seeOther("/manage/elections/" + electionId + "/tally");
        });
    }

    private HttpResponse<?> render(HttpRequest<?> request, Staff staff, long electionId, FormState form,
                                   @Nullable ScrubResult scrubbed, HttpStatus status) {
        ElectionView e = elections.get(staff.caller(), electionId);
        ManagePage page = manage.page(request, staff, "tally.title", e.name());
        ResultPage result = null;
        if (e.state() == ElectionState.TALLIED || e.state() == ElectionState.PUBLISHED) {
            result = ResultPage.of(tally.view(staff.caller(), electionId), page.lang());
        }
        boolean canChange = manage.mayChange(staff, electionId);
        return manage.render(request, status, "tally", page, new Review(e, result, form, scrubbed, canChange));
    }
}
