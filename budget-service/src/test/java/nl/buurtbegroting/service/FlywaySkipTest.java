package nl.buurtbegroting.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway stays out of a start only when the schema history records exactly the bundled migrations; a fresh database,
 * one a migration behind and one whose history diverges still get Flyway, which migrates or refuses as before.
 */
class FlywaySkipTest {

    private static String newDatabase() {
        return "jdbc:h2:mem:skip" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /** The service's context (no HTTP server) on the given database, without the test profile's schema cleaning. */
    private static ApplicationContext start(String url) {
        return ApplicationContext.run(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "flyway.datasources.default.clean-schema", false), "test");
    }

    private static boolean flywayRan(ApplicationContext context) {
        return context.findBean(Flyway.class, Qualifiers.byName("default")).isPresent();
    }

    /** A connection straight from the pool, as a migration gets one (the bean itself wants a transaction). */
    private static Connection connect(ApplicationContext context) throws Exception {
        return context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class)).getConnection();
    }

    private static Map<String, Integer> history(ApplicationContext context) throws Exception {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection c = connect(context); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select script, checksum from flyway_schema_history where success and type = 'SQL'")) {
            while (r.next()) {
                rows.put(r.getString(1), r.getInt(2));
            }
        }
        return rows;
    }

    private static Map<String, Integer> bundled() {
        return BundledMigrations.read(FlywaySkipTest.class.getClassLoader()).orElseThrow();
    }

    @Test
    void freshDatabaseIsMigratedAndTheNextStartSkipsFlyway() throws Exception {
        String url = newDatabase();
        try (ApplicationContext first = start(url)) {
            assertTrue(flywayRan(first));
            // Our checksums are Flyway's own: otherwise no start would ever skip.
            assertEquals(bundled(), history(first));
        }
        try (ApplicationContext second = start(url)) {
            assertFalse(flywayRan(second));
            assertEquals(bundled(), history(second));
            try (Connection c = connect(second); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from election")) {
                assertTrue(r.next());
            }
        }
    }

    @Test
    void databaseOneMigrationBehindIsMigrated() throws Exception {
        String url = newDatabase();
        Flyway flyway = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load();
        var all = flyway.info().all();
        MigrationVersion secondNewest = all[all.length - 2].getVersion();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target(secondNewest)
                .load().migrate();
        try (ApplicationContext context = start(url)) {
            assertTrue(flywayRan(context));
            assertEquals(bundled(), history(context));
        }
    }

    @Test
    void divergingHistoryStillMeetsFlywaysValidation() throws Exception {
        String url = newDatabase();
        try (ApplicationContext first = start(url);
             Connection c = connect(first); Statement s = c.createStatement()) {
            s.executeUpdate("update flyway_schema_history set checksum = checksum + 1 where version = '20'");
        }
        Exception failure = assertThrows(Exception.class, () -> start(url).close());
        Throwable cause = failure;
        while (cause.getCause() != null && !cause.getClass().getSimpleName().equals("FlywayValidateException")) {
            cause = cause.getCause();
        }
        assertEquals("FlywayValidateException", cause.getClass().getSimpleName());
    }

    @Test
    void checksumIgnoresLineEndingsAndByteOrderMark() throws Exception {
        int unix = BundledMigrations.checksum(stream("create table t (a int);\nselect 1;\n"));
        assertEquals(unix, BundledMigrations.checksum(stream("\uFEFFcreate table t (a int);\r\nselect 1;\r\n")));
        assertFalse(unix == BundledMigrations.checksum(stream("create table t (a int);\nselect 2;\n")));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
