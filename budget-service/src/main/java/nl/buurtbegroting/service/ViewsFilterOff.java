package nl.buurtbegroting.service;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.views.ViewsFilter;
import org.reactivestreams.Publisher;

/**
 * Takes micronaut-views' {@link ViewsFilter} off every request. That filter renders answers of controllers
 * annotated {@code @View} or returning a {@code ModelAndView}; this service has neither (pages render their
 * templates themselves, see {@code web.Pages}), yet the filter wrapped every answer, every ballot included, in a
 * reactive chain: about a tenth of the service's CPU per ballot (JFR profile, BallotBenchmark on PostgreSQL).
 * A replacing bean has to be a filter too; this one matches no address the service serves.
 */
@Replaces(ViewsFilter.class)
@Requires(classes = ViewsFilter.class)
@Filter("/.views-filter-off")
final class ViewsFilterOff implements HttpServerFilter {

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return chain.proceed(request);
    }
}
