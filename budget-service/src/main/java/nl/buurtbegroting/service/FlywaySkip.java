package nl.buurtbegroting.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.core.order.Ordered;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Leaves Flyway out of a start when the database's schema history already records exactly the migrations this build
 * carries: every bundled script applied successfully with the same checksum, and nothing else. Flyway would then
 * validate and find nothing to do, after loading its classes and Jackson and scanning the class path, about a third
 * of a second of every start. In every other case (a fresh database, one or more migrations behind, a changed
 * script, a failed or unknown entry, a history that cannot be read, any Flyway setting besides the defaults used
 * here, a schema to clean) Flyway runs exactly as before and decides. Runs before micronaut-flyway's migration
 * runner, which reads the same configuration when the data source is created.
 */
@Singleton
final class FlywaySkip implements BeanCreatedEventListener<DataSource>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(FlywaySkip.class);
    private static final String HISTORY = "flyway_schema_history";

    private final ApplicationContext context;
    private final DataSourceResolver resolver;

    FlywaySkip(ApplicationContext context, DataSourceResolver resolver) {
        this.context = context;
        this.resolver = resolver;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (event.getBeanDefinition() instanceof NameResolver named) {
            named.resolveName()
                    .flatMap(name -> context.findBean(FlywayConfigurationProperties.class, Qualifiers.byName(name)))
                    .filter(FlywaySkip::plainSettings)
                    .ifPresent(config -> {
                        Map<String, Integer> bundled = BundledMigrations.read(FlywaySkip.class.getClassLoader())
                                .orElse(Map.of());
                        if (!bundled.isEmpty() && bundled.equals(applied(resolver.resolve(event.getBean())))) {
                            config.setEnabled(false);
                            LOG.info("The database has all {} bundled migrations: Flyway not started", bundled.size());
                        }
                    });
        }
        return event.getBean();
    }

    /** Only the configuration this service ships is understood here; anything else is Flyway's to judge. */
    private static boolean plainSettings(FlywayConfigurationProperties config) {
        if (!config.isEnabled() || config.isCleanSchema() || config.isAsync()
                || config.hasAlternativeDatabaseConfiguration()) {
            return false;
        }
        FluentConfiguration flyway = config.getFluentConfiguration();
        Location[] locations = flyway.getLocations();
        Location bundled = new Location("classpath:" + BundledMigrations.DIRECTORY);
        return HISTORY.equals(flyway.getTable()) && flyway.getSchemas().length == 0 && flyway.getDefaultSchema() == null
                && locations.length == 1 && locations[0].equals(bundled)
                && MigrationVersion.LATEST.equals(flyway.getTarget()) && !flyway.isBaselineOnMigrate();
    }

    /**
     * Script to checksum of every migration in the schema history, or null when the history is missing, unreadable or
     * has an entry that is not a successfully applied SQL script (a failure, a baseline, a created schema).
     */
    private static Map<String, Integer> applied(DataSource dataSource) {
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select script, checksum, success, type from " + HISTORY)) {
            while (rows.next()) {
                if ("TABLE".equals(rows.getString(4))) {
                    continue; // Flyway's note that it created the history table, no migration
                }
                String script = rows.getString(1);
                int checksum = rows.getInt(2);
                boolean wasNull = rows.wasNull();
                if (!rows.getBoolean(3) || !"SQL".equals(rows.getString(4)) || wasNull
                        || applied.put(script, checksum) != null) {
                    return null;
                }
            }
        } catch (SQLException e) {
            // No history table yet (a fresh database) or one this check does not understand: Flyway decides.
            return null;
        }
        return applied;
    }
}
