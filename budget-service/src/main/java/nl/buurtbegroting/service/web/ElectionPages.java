package nl.buurtbegroting.service.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionSummary;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.proposal.ProposalService;
import nl.buurtbegroting.service.proposal.ProposalView;
import nl.buurtbegroting.service.proposal.Verdict;
import nl.buurtbegroting.service.publication.PublishedResults;
import org.zalando.problem.ThrowableProblem;

import java.util.List;

/**
 * The public pages of elections: the list ({@code /}), one election with its proposals and how the rule
 * decides ({@code /elections/{id}}), and the published result ({@code /elections/{id}/result}). They read
 * through the same services as the API, as a resident without an account.
 */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ElectionPages {

    private final Pages pages;
    private final ElectionService elections;
    private final ProposalService proposals;
    private final PublishedResults results;

    ElectionPages(Pages pages, ElectionService elections, ProposalService proposals, PublishedResults results) {
        this.pages = pages;
        this.elections = elections;
        this.proposals = proposals;
        this.results = results;
    }

    /** The model of the start page. */
    public record Home(List<ElectionSummary> open, List<ElectionSummary> other) {
    }

    /** The model of an election's page. */
    public record ElectionPage(ElectionView election, List<ProposalView> admitted, List<ProposalView> refused) {

        public boolean open() {
            return election.state() == ElectionState.OPEN;
        }

        public boolean published() {
            return election.state() == ElectionState.PUBLISHED;
        }
    }

    @Get(produces = "text/html")
    HttpResponse<String> home(HttpRequest<?> request) {
        List<ElectionSummary> all = elections.list(null).stream().filter(e -> e.state() != ElectionState.DRAFT).toList();
        Page page = pages.page(request, "home.title");
        return pages.ok(request, "home", page, new Home(
                all.stream().filter(e -> e.state() == ElectionState.OPEN).toList(),
                all.stream().filter(e -> e.state() != ElectionState.OPEN).toList()));
    }

    @Get(value = "/elections/{id}", produces = "text/html")
    HttpResponse<String> election(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        ElectionView e;
        List<ProposalView> all;
        try {
            e = elections.get(null, electionId);
            all = proposals.list(null, electionId);
        } catch (ThrowableProblem problem) {
            return notFound(request);
        }
        Page page = new Page(Lang.of(request), pages.messages(), pages.page(request, "home.title").theme(),
                e.name(), request.getPath());
        return pages.ok(request, "election", page, new ElectionPage(e,
                all.stream().filter(p -> p.verdict() == Verdict.ELIGIBLE).toList(),
                all.stream().filter(p -> p.verdict() == Verdict.INELIGIBLE).toList()));
    }

    @Get(value = "/elections/{id}/result", produces = "text/html")
    HttpResponse<String> result(HttpRequest<?> request, @PathVariable String id) {
        long electionId = Ids.parse(id);
        String page = Query.first(request, "page");
        ElectionView e;
        try {
            e = elections.get(null, electionId);
        } catch (ThrowableProblem problem) {
            return notFound(request);
        }
        if (e.state() != ElectionState.PUBLISHED) {
            return pages.notice(request, HttpStatus.OK, "result.notYet.title", "result.notYet.text", Page.typed(e.name()));
        }
        Page base = pages.page(request, "result.title", e.name());
        ResultPage first = ResultPage.of(results.get(electionId).document(), base.lang(), 1);
        int number = page == null ? 1 : pageNumber(page, first.pages());
        if (number == 0) {
            return pages.notice(request, HttpStatus.NOT_FOUND, "result.noSuchPage.title", "result.noSuchPage.text",
                    first.pages());
        }
        return pages.ok(request, "result", base, first.at(number));
    }

    /** The page asked for, or 0 when there is no such page (not a number, 0, or past the last). */
    private static int pageNumber(String raw, int pages) {
        if (!raw.matches("[0-9]{1,9}")) {
            return 0;
        }
        int n = Integer.parseInt(raw);
        return n >= 1 && n <= pages ? n : 0;
    }

    private HttpResponse<String> notFound(HttpRequest<?> request) {
        return pages.notice(request, HttpStatus.NOT_FOUND, "notFound.title", "notFound.text");
    }
}
