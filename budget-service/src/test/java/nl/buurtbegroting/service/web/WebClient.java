package nl.buurtbegroting.service.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript, for the page tests: GET and form POSTs against the running service, no
 * redirects followed, every status returned as it is.
 */
final class WebClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String language = "nl-NL,nl;q=0.9";
    private String cookie;

    WebClient(String base) {
        this.base = base;
    }

    WebClient acceptLanguage(String header) {
        this.language = header;
        return this;
    }

    WebClient cookie(String cookie) {
        this.cookie = cookie;
        return this;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form POST; fields are name/value pairs in order (a name may repeat, as checkboxes do). */
    Page post(String path, List<String[]> fields) {
        StringBuilder body = new StringBuilder();
        for (String[] f : fields) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A multipart POST with text fields only (the ballot check). */
    Page postMultipart(String path, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----bbtest" + System.nanoTime();
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] filePart = file == null ? new byte[0] : ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ((file == null ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(head);
        all.writeBytes(filePart);
        if (file != null) {
            all.writeBytes(file);
        }
        all.writeBytes(tail);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all.toByteArray())));
    }

    private Page send(HttpRequest.Builder request) {
        // What a browser sends for a form posted from a page with Referrer-Policy: no-referrer.
        request.header("Accept-Language", language).header("Accept", "text/html").header("Origin", "null");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            // A page that never comes fails the test here, not at the end of CI's time.
            HttpResponse<String> r = http.send(request.timeout(java.time.Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] field(String name, String value) {
        return new String[] {name, value};
    }

    /** An answer: status, body and headers. */
    record Page(int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The value attribute of the input with this name (first one). */
        String input(String name) {
            Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }

        /** The hidden fields of the review form, to send them on as a browser would. */
        List<String[]> hiddenFields() {
            List<String[]> out = new ArrayList<>();
            Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(body);
            while (m.find()) {
                out.add(field(unescape(m.group(1)), unescape(m.group(2))));
            }
            return out;
        }

        /** The text of the element with this id, tags removed. */
        String textOf(String id) {
            Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(p|div|code|dd)>", Pattern.DOTALL).matcher(body);
            return m.find() ? text(m.group(1)) : null;
        }

        /** The visible text of the page's main part. */
        String mainText() {
            int start = body.indexOf("<main");
            int end = body.indexOf("</main>");
            return text(body.substring(start, end));
        }
    }

    /** The text as a reader sees it; a no-break space reads as a space. */
    static String text(String html) {
        return unescape(html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ")).replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
