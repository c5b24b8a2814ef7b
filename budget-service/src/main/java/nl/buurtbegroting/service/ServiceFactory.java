package nl.buurtbegroting.service;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Beans the features share. A clock bean lets tests fix time instead of sleeping; it ticks in whole
 * milliseconds so that a time read back from H2 or PostgreSQL equals the one written.
 */
@Factory
class ServiceFactory {

    @Singleton
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
