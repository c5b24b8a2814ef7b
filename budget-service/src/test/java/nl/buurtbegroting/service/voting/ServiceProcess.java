package nl.buurtbegroting.service.voting;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service in a JVM of its own, started from the test class path, so it can be killed with SIGKILL. */
final class ServiceProcess implements AutoCloseable {

    /** From the start of the JVM to its first healthy answer; ample for a loaded machine, reached only on a fault. */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    final URI uri;

    private ServiceProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts the service with the given environment, appending its output to {@code log}; waits until healthy. */
    static ServiceProcess start(Map<String, String> env, Path log, String... args) throws Exception {
        return start(env, log, List.of(), args);
    }

    /**
     * As {@link #start(Map, Path, String...)} with extra JVM options. The service logs as in production
     * ({@code logback.xml}, not the tests' quieter {@code logback-test.xml}).
     */
    static ServiceProcess start(Map<String, String> env, Path log, List<String> jvmOptions, String... args) throws Exception {
        // Tests restart the service often: C1 only starts faster, and they measure no speed.
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"));
        options.addAll(jvmOptions);
        return startWith(env, log, options, args);
    }

    /** As {@link #start(Map, Path, List, String...)} with exactly the given JVM options (a benchmark's JVM). */
    static ServiceProcess startWith(Map<String, String> env, Path log, List<String> jvmOptions, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Dlogback.configurationFile=logback.xml"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "nl.buurtbegroting.service.Application"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.putAll(env);
        if (env.containsKey("BB_DATA_DIR") && !env.containsKey("BB_KEY_DIR")) {
            // Keys apart from the data, but never in the working tree (the default ./keys).
            environment.put("BB_KEY_DIR", Path.of(env.get("BB_DATA_DIR")).toAbsolutePath().getParent().resolve("keys").toString());
        }
        // The service binds a free port itself and names it in its log. A port picked here and handed over would be
        // free only when picked: anything on the machine could take it before the service binds it.
        environment.put("BB_PORT", "-1");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            ServiceProcess service = new ServiceProcess(process, awaitListening(process, log, logStart, deadline));
            service.awaitHealthy(deadline);
            return service;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            process.waitFor();
            throw e;
        }
    }

    /** The address the service listens at, from the line Micronaut logs once the server runs. */
    private static URI awaitListening(Process process, Path log, long logStart, long deadline) throws Exception {
        Pattern running = Pattern.compile("Server Running: \\S+?:(\\d+)");
        while (System.nanoTime() < deadline) {
            String output = readFrom(log, logStart);
            Matcher m = running.matcher(output);
            if (m.find()) {
                return URI.create("http://127.0.0.1:" + m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not start in " + STARTUP + ":\n" + readFrom(log, logStart));
    }

    private static String readFrom(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), all.length - (int) Math.min(offset, all.length),
                StandardCharsets.UTF_8);
    }

    private void awaitHealthy(long deadline) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet (or this request timed out): ask again until the deadline
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not become healthy in " + STARTUP);
    }

    /** CPU time the service process has used so far (user and system), in nanoseconds; -1 where /proc is missing. */
    long cpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th
            // field of the line, stime the 15th, both in clock ticks (100 a second on Linux).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("BB_CODE_KEY", Voting.CODE_KEY);
        env.put("BB_ADMIN_USER", nl.buurtbegroting.service.Api.ADMIN);
        env.put("BB_ADMIN_PASSWORD", nl.buurtbegroting.service.Api.ADMIN_PASSWORD);
        env.put("BB_DEMO", "false");
        env.put("BB_SECURITY_PASSWORD_ITERATIONS", "1000");
        return env;
    }

    static File targetDir() {
        return new File("target");
    }
}
