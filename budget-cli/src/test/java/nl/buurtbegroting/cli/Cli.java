package nl.buurtbegroting.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the tool in-process with captured output, as a user would from the shell. */
final class Cli {

    /** What a run printed and returned; line ends normalised to {@code \n}. */
    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        CommandLine cl = BudgetCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, normalise(out.toString()), normalise(err.toString()));
    }

    /** A bundled test file as a path: {@code pabulib/...} (real elections) or {@code crafted/...}. */
    static String file(String resource) {
        URL url = Cli.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String resource) {
        try (InputStream in = Cli.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }
}
