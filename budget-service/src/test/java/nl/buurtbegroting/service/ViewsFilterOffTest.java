package nl.buurtbegroting.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ViewsFilter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** micronaut-views' filter, which this service never needs, runs on no request (see {@link ViewsFilterOff}). */
@MicronautTest(transactional = false)
class ViewsFilterOffTest {

    @Inject
    ApplicationContext context;

    @Test
    void theViewsFilterIsReplaced() {
        Collection<HttpServerFilter> filters = context.getBeansOfType(HttpServerFilter.class);
        assertFalse(filters.stream().anyMatch(f -> f instanceof ViewsFilter), filters::toString);
        assertTrue(filters.stream().anyMatch(f -> f instanceof ViewsFilterOff), filters::toString);
    }
}
