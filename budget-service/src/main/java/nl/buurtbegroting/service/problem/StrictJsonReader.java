package nl.buurtbegroting.service.problem;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads every JSON request body of this service's own request records strictly ({@link StrictJson}) before
 * binding it with the service's JSON mapper, and the login's body ({@code UsernamePasswordCredentials} of the security
 * module) the same way, checked against {@link LoginShape}: a login with a member twice, an unknown member or a number
 * for a name was 401 (or, with the password twice, let in), not the 400 every other address answers. Without it the binder took {@code "100"} for 100, {@code 1.5} for 1, {@code true} for 1,
 * the first of two duplicate members, and ignored unknown members (issue 11).
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
@Order(-100)
public final class StrictJsonReader<T> implements MessageBodyReader<T> {

    private static final String OWN_PACKAGE = "nl.buurtbegroting.service.";

    private final JsonMapper mapper;

    public StrictJsonReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        Class<?> c = type.getType();
        return (c == UsernamePasswordCredentials.class || c.isRecord() && c.getName().startsWith(OWN_PACKAGE))
                && (mediaType == null || mediaType.getSubtype().equals("json"));
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) {
        return read(type, byteBuffer.toByteArray());
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        try {
            return read(type, inputStream.readAllBytes());
        } catch (IOException e) {
            throw new CodecException("the request body could not be read", e);
        }
    }

    private T read(Argument<T> type, byte[] body) {
        List<Violation> violations = StrictJson.check(body,
                type.getType() == UsernamePasswordCredentials.class ? LoginShape.class : type.asType());
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new CodecException("the request body is not valid JSON for " + type.getType().getSimpleName(), e);
        }
    }

    /** The members a login body may have, for the strict check only; the security module binds its own type. */
    record LoginShape(String username, String password) {
    }
}
