package nl.buurtbegroting.service;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Makes the H2 data directory and the files in it private (0700, 0600) as soon as the data source exists, also for
 * a directory an earlier version left readable to all; a PostgreSQL deployment has no such directory.
 */
@Singleton
@Context
class DataDirectoryGuard implements BeanCreatedEventListener<DataSource> {

    private final String url;

    DataDirectoryGuard(@Property(name = "datasources.default.url") @Nullable String url) {
        this.url = url;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (url != null && url.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null) {
                PrivateFiles.makePrivate(parent);
            }
        }
        return event.getBean();
    }
}
