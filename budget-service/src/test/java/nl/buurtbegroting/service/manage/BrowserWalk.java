package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a walk through the organiser pages in a real browser starts: the test server, a browser with an empty
 * download directory of the walk's own, and the axe-core findings the walk gathers page by page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserWalk {

    @Inject
    protected EmbeddedServer server;

    protected String base;
    protected ManageBrowser b;
    protected final List<String> axeFindings = new ArrayList<>();
    protected final List<String> pagesChecked = new ArrayList<>();
    private final Path downloads;

    BrowserWalk(Path downloads) {
        this.downloads = downloads;
    }

    @BeforeAll
    protected void startBrowser() throws IOException {
        ManageBrowser.requireTools();
        base = server.getURL().toString();
        b = ManageBrowser.start(downloads);
    }

    @AfterAll
    protected void closeBrowser() {
        if (b != null) {
            b.close();
        }
    }
}
