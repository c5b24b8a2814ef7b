package nl.buurtbegroting.service.account;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import org.bouncycastle.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes sure somebody can log in, without any default password: at startup the first admin is created
 * from {@code bb.admin.username}/{@code bb.admin.password} (env {@code BB_ADMIN_USER}/{@code BB_ADMIN_PASSWORD})
 * when given; otherwise, while no admin exists, a random one-time bootstrap token is printed on the
 * console (not the log) and {@code POST /api/bootstrap} trades it for the first admin account.
 * The token lives only in this process's memory.
 */
@Singleton
public class AdminBootstrap implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final String adminUser;
    private final String adminPassword;
    private final PrintStream console;
    private volatile byte[] token;

    public AdminBootstrap(AccountService accounts,
                          @Value("${bb.admin.username:}") @Nullable String adminUser,
                          @Value("${bb.admin.password:}") @Nullable String adminPassword) {
        this.accounts = accounts;
        this.adminUser = adminUser == null ? "" : adminUser.strip();
        this.adminPassword = adminPassword == null ? "" : adminPassword;
        this.console = System.out;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!adminUser.isEmpty() && !adminPassword.isEmpty()) {
            if (adminPassword.length() < 12) {
                throw new IllegalStateException("BB_ADMIN_PASSWORD must be at least 12 characters long");
            }
            if (accounts.createFirstAdmin(AuditLog.SYSTEM, adminUser, adminPassword.toCharArray())) {
                LOG.info("Created the first admin '{}' from configuration.", adminUser);
            }
            return;
        }
        if (!accounts.hasAdmin()) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String printable = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            token = printable.getBytes(StandardCharsets.US_ASCII);
            // Printed on the console on purpose: it is how the operator learns it, and it is useless once spent.
            console.println(instructions(event.getSource().getURL().toString(), printable));
        }
    }

    /**
     * The shell lines that trade the token for the first admin. The shell asks for the password (so no
     * example password can be pasted by mistake) and escapes its backslashes and double quotes for JSON, so
     * any password that can be typed arrives as typed (AdminBootstrapInstructionsTest runs them in bash).
     */
    static String instructions(String url, String token) {
        String q = "\\\"";
        return "No admin account exists yet. Create one with this one-time bootstrap token (the shell asks for the\n"
                + "new admin's password, at least 12 characters, so no example password can be pasted by mistake):\n"
                + "  read -r -s -p 'New admin password: ' BB_PW; echo\n"
                + "  BB_PW=$(printf '%s' \"$BB_PW\" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g')\n"
                + "  curl -X POST " + url + "/api/bootstrap -H 'Content-Type: application/json' \\\n"
                + "    -d \"{" + q + "token" + q + ":" + q + token + q + "," + q + "username" + q + ":" + q + "admin" + q + ","
                + q + "password" + q + ":" + q + "$BB_PW" + q + "}\"; unset BB_PW\n";
    }

    /** Spends the token if it matches (constant-time) and creates the admin; false otherwise. */
    public synchronized boolean redeem(String offered, String username, char[] password) {
        byte[] expected = token;
        if (expected == null || offered == null
                || !Arrays.constantTimeAreEqual(expected, offered.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        token = null;
        return accounts.createFirstAdmin("bootstrap", username, password);
    }
}
