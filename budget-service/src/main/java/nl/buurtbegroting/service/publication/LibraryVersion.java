package nl.buurtbegroting.service.publication;

import nl.buurtbegroting.core.rules.RuleName;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of budget-core on the class path, as recorded in a bundle's manifest. */
final class LibraryVersion {

    private static final String POM = "/META-INF/maven/nl.buurtbegroting/budget-core/pom.properties";

    private LibraryVersion() {
    }

    /** From budget-core's Maven metadata or jar manifest; {@code development} when run from class directories. */
    static String detect() {
        try (InputStream in = RuleName.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException unreadable) {
            // Fall through to the manifest.
        }
        String v = RuleName.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }
}
