package nl.buurtbegroting.service;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The OpenAPI document is YAML, not plain text: served as {@code application/yaml} so tools and browsers treat it
 * as what it is (the static-resource handler guesses {@code text/plain} from the extension).
 */
@ServerFilter("/swagger/**")
final class OpenApiContentType {

    @ResponseFilter
    void yaml(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (response.code() == 200 && (path.endsWith(".yml") || path.endsWith(".yaml"))) {
            response.contentType("application/yaml");
        }
    }
}
