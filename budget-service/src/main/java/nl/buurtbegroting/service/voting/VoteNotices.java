package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.election.ElectionView;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Page;
import nl.buurtbegroting.service.web.Pages;

import java.time.Clock;
import java.time.Instant;

/**
 * The page a resident sees instead of the ballot when voting is not possible: before the voting times, after
 * them or after the team closed the vote, once the result is out. Said kindly, with the dates when they are
 * known, what happens next and the way to the vote's page, where the result will come. Shown at every step,
 * so a resident who started before the close never gets a form back that cannot succeed.
 */
final class VoteNotices {

    private final Pages pages;
    private final Clock clock;

    VoteNotices(Pages pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    /** Open, and now within its voting times (the service refuses ballots outside them). */
    static boolean takesVotes(ElectionView e, Instant now) {
        return e.state() == ElectionState.OPEN && (e.votingOpens() == null || !now.isBefore(e.votingOpens()))
                && (e.votingCloses() == null || now.isBefore(e.votingCloses()));
    }

    /**
     * Why voting is not possible now. {@code afterForm}: the resident sent a filled-in step, and is told that
     * nothing of it was sent or kept.
     */
    MutableHttpResponse<String> notOpen(HttpRequest<?> request, Lang lang, ElectionView e, HttpStatus status, boolean afterForm) {
        Instant now = clock.instant();
        boolean before = e.state() == ElectionState.DRAFT
                || (e.state() == ElectionState.OPEN && e.votingOpens() != null && now.isBefore(e.votingOpens()));
        boolean ended = !before && (e.state() != ElectionState.OPEN
                || (e.votingCloses() != null && !now.isBefore(e.votingCloses())));
        Page posted = pages.page(request, lang, ended ? "vote.ended.title" : "vote.notOpen.title");
        // The language switch comes back to the vote's address (a GET shows this notice too), not to a step's POST.
        Page page = new Page(lang, posted.messages(), posted.theme(), posted.title(), "/vote/" + e.id());
        Page.Typed name = Page.typed(e.name());
        gg.jte.Content text;
        if (e.state() == ElectionState.PUBLISHED) {
            text = page.tm("vote.notOpen.published", name);
        } else if (ended) {
            text = e.votingCloses() != null && !now.isBefore(e.votingCloses())
                    ? page.tm("vote.notOpen.ended", name, page.when(e.votingCloses()))
                    : page.tm("vote.notOpen.closed", name);
        } else if (before && e.votingOpens() != null) {
            text = e.votingCloses() != null ? page.tm("vote.notOpen.window", name, page.when(e.votingOpens()), page.when(e.votingCloses()))
                    : page.tm("vote.notOpen.opens", name, page.when(e.votingOpens()));
        } else {
            text = page.tm("vote.notOpen.text", name);
        }
        String more = afterForm ? page.t(ended ? "vote.notOpen.notSent.ended" : "vote.notOpen.notSent") : "";
        return pages.respond(request, status, "notice", page, new Pages.Notice(text, more,
                "/elections/" + e.id(), page.t("vote.notOpen.link")));
    }
}
