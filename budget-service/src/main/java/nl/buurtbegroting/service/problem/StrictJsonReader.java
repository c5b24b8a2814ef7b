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
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads every JSON request body of this service's own request records strictly ({@link StrictJson}) before
 * binding it with the service's JSON mapper; other types (the login form of the security module) are left to
 * Micronaut's reader. Without it the binder took {@code "100"} for 100, {@code 1.5} for 1, {@code true} for 1,
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
        return c.isRecord() && c.getName().startsWith(OWN_PACKAGE)
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
        List<Violation> violations = StrictJson.check(body, type.asType());
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new CodecException("the request body is not valid JSON for " + type.getType().getSimpleName(), e);
        }
    }
}
