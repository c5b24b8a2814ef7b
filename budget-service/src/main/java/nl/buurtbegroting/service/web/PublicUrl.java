package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The address residents reach the service at ({@code bb.public-url}, {@code BB_PUBLIC_URL}), for links that
 * leave the page: the vote link printed next to each code, the demo's link. Without it the service's own
 * address is used ({@code http://localhost:<port>}).
 */
@Singleton
public class PublicUrl {

    private final String configured;

    public PublicUrl(@Value("${bb.public-url:}") @Nullable String configured) {
        this.configured = configured == null ? "" : configured.strip();
    }

    /** The base without a trailing slash: the configured one, else {@code fallback}. */
    public String base(String fallback) {
        String base = configured.isEmpty() ? fallback : configured;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
