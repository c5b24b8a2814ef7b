package nl.buurtbegroting.service.account;

import nl.buurtbegroting.core.json.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap lines printed at the first start are run in bash as an operator would paste them, with
 * {@code curl} replaced by a function that prints its arguments: the request body must be JSON carrying
 * the token, the user name and the password exactly as typed. (They once printed {@code "{"token":...}"},
 * which the shell turns into {@code {token:...}}, so no newcomer could create the first admin.)
 */
class AdminBootstrapInstructionsTest {

    private static final String TOKEN = "46iiomvFj6wbREuhrd8CHlvxOh99JkTG";

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "with \"quotes\" inside", "back\\slash\\\\ and $HOME `x`",
            "'single' quotes & ampersands!", "wachtwoord met ë en 😀 erin"})
    void thePastedCommandSendsThePasswordAsTyped(String password) throws Exception {
        // The indented lines are the commands; the lines above them tell what they do.
        String commands = AdminBootstrap.instructions("http://localhost:8080", TOKEN).lines()
                .filter(line -> line.startsWith("  ")).collect(Collectors.joining("\n"));
        String script = "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }\n" + commands + "\n";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false).start();
        try (OutputStream typed = bash.getOutputStream()) {
            typed.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        List<String> arguments = out.lines().toList();
        int d = arguments.indexOf("-d");
        assertTrue(d > 0, out);
        assertEquals("http://localhost:8080/api/bootstrap", arguments.get(arguments.indexOf("POST") + 1));
        Map<String, Object> body = JsonParser.object(JsonParser.STANDARD.parse("body", arguments.get(d + 1)));
        assertEquals(Map.of("token", TOKEN, "username", "admin", "password", password), body);
    }
}
