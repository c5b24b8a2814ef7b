package nl.buurtbegroting.service;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Where an API test starts: the HTTP client on the test server and an admin signed in. A subclass carries
 * {@code @MicronautTest} (with its own properties) and adds the accounts and elections it needs in its own
 * {@code @BeforeAll}, which runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestBase {

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected JsonMapper json;

    protected Api api;
    protected String admin;

    @BeforeAll
    protected void connectAsAdmin() {
        api = new Api(client, json);
        admin = api.adminToken();
    }
}
