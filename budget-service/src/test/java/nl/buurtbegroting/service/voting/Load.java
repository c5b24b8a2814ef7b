package nl.buurtbegroting.service.voting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Sends ballots from many threads and tallies the answers by status and problem code. */
final class Load {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

    /** POSTs a ballot; returns the status and records "status code" (e.g. "409 CODE_ALREADY_USED"). */
    int post(URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String key = Integer.toString(response.statusCode());
            if (response.statusCode() >= 400) {
                key += " " + problemCode(response.body());
            }
            answers.computeIfAbsent(key, k -> new LongAdder()).increment();
            return response.statusCode();
        } catch (IOException e) {
            answers.computeIfAbsent("IO " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long count(String key) {
        LongAdder n = answers.get(key);
        return n == null ? 0 : n.sum();
    }

    static String problemCode(String body) {
        int i = body.indexOf("\"code\":\"");
        if (i < 0) {
            return "?";
        }
        int start = i + 8;
        return body.substring(start, body.indexOf('"', start));
    }

    void close() {
        // java.net.http.HttpClient has no close() on Java 17; its threads end when unreachable.
    }
}
