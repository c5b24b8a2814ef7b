package nl.buurtbegroting.service.voting;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.json.JsonWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a receipt answer (the 201 of every ballot cast, and its replay) with the signed receipt file copied in as
 * the canonical bytes the signer wrote, instead of handing a map of its members to the generic JSON writer. The
 * members, their order and their values are those the generic writer gives for {@link ReceiptView} (absent
 * {@code signed} left out, as {@code serde.serialization.inclusion: non_absent} does); ReceiptJsonWriterTest
 * holds the two to the same JSON. Receipts inside other answers (paper keying) still go through the generic
 * writer, with {@code signing.ReceiptFileSerializer}.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
@Order(-100) // before the generic JSON writer, which would take any type
final class ReceiptJsonWriter implements MessageBodyWriter<ReceiptView> {

    @Override
    public boolean isWriteable(Argument<ReceiptView> type, MediaType mediaType) {
        return type.getType() == ReceiptView.class && (mediaType == null || mediaType.getSubtype().equals("json"));
    }

    @Override
    public void writeTo(Argument<ReceiptView> type, MediaType mediaType, ReceiptView receipt, MutableHeaders headers,
                        OutputStream out) throws CodecException {
        headers.setIfMissing(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        try {
            out.write(json(receipt));
        } catch (IOException e) {
            throw new CodecException("the receipt could not be written", e);
        }
    }

    @Override
    public ByteBuffer<?> writeTo(Argument<ReceiptView> type, MediaType mediaType, ReceiptView receipt,
                                 MutableHeaders headers, ByteBufferFactory<?, ?> buffers) throws CodecException {
        headers.setIfMissing(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        return buffers.wrap(json(receipt));
    }

    /** The receipt as the JSON object the API describes (schema {@code Receipt}). */
    static byte[] json(ReceiptView receipt) {
        StringBuilder head = new StringBuilder(160).append('{');
        member(head, "receiptId", receipt.receiptId());
        member(head, "ballotHash", receipt.ballotHash());
        head.append(head.length() > 1 ? "," : "").append("\"electionId\":").append(receipt.electionId());
        member(head, "channel", receipt.channel() == null ? null : receipt.channel().name());
        member(head, "castOn", receipt.castOn() == null ? null : receipt.castOn().toString());
        if (receipt.signed() != null) {
            head.append(",\"signed\":");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 1024);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (receipt.signed() != null) {
            try {
                receipt.signed().writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
            }
        }
        out.write('}');
        return out.toByteArray();
    }

    /** A string member; an absent value is left out, as the generic writer does. */
    private static void member(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":")
                    .append(JsonWriter.quote(value, true));
        }
    }
}
