package nl.buurtbegroting.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@OpenAPIDefinition(info = @Info(title = "buurtbegroting", version = "0.1",
        description = "Participatory budgeting: elections, proposals and (later) voting and audited results. "
                + "Amounts are whole units of the election's currency. Errors are application/problem+json "
                + "with a stable 'type' and 'code'.",
        license = @License(name = "see repository")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

    private Application() {
    }

    /**
     * Starts the service; {@code --demo} (or {@code BB_DEMO=true}) loads and opens a demo election. {@code
     * --training-run} is for {@code bin/budget-service} only (see {@link TrainingRun}).
     */
    public static void main(String[] args) throws java.io.IOException {
        List<String> rest = new ArrayList<>();
        boolean demo = false;
        boolean training = false;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.equals(TrainingRun.FLAG)) {
                training = true;
            } else {
                rest.add(arg);
            }
        }
        if (training) {
            TrainingRun.run(rest.toArray(String[]::new));
            return;
        }
        // The data directory exists, private, before the database writes its first file into it.
        String dataDir = System.getenv().getOrDefault("BB_DATA_DIR", System.getProperty("bb.data-dir", "./data"));
        if (!dataDir.isBlank()) {
            PrivateFiles.makePrivate(java.nio.file.Path.of(dataDir));
        }
        var builder = Micronaut.build(rest.toArray(String[]::new)).mainClass(Application.class);
        if (demo) {
            builder.properties(Map.of("bb.demo", true));
        }
        builder.start();
    }
}
