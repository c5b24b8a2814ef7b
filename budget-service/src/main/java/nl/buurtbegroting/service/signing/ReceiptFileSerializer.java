package nl.buurtbegroting.service.signing;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ReceiptFile} inside an answer of the generic JSON writer as the JSON object it is (paper keying
 * shows the receipt of the ballot just keyed). The ballot API does not come here: {@code voting.ReceiptJsonWriter}
 * copies the bytes. The receipt file holds only objects, arrays, strings, integers, booleans and null.
 */
@Singleton
final class ReceiptFileSerializer implements Serializer<ReceiptFile> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends ReceiptFile> type, ReceiptFile value)
            throws IOException {
        write(encoder, value.members());
    }

    private static void write(Encoder encoder, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            Encoder object = encoder.encodeObject(Argument.OBJECT_ARGUMENT);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.encodeKey((String) e.getKey());
                write(object, e.getValue());
            }
            object.finishStructure();
        } else if (value instanceof List<?> list) {
            Encoder array = encoder.encodeArray(Argument.OBJECT_ARGUMENT);
            for (Object item : list) {
                write(array, item);
            }
            array.finishStructure();
        } else if (value instanceof String s) {
            encoder.encodeString(s);
        } else if (value instanceof Long l) {
            encoder.encodeLong(l);
        } else if (value instanceof BigInteger b) {
            encoder.encodeBigInteger(b);
        } else if (value instanceof Boolean b) {
            encoder.encodeBoolean(b);
        } else if (value == null) {
            encoder.encodeNull();
        } else {
            throw new IllegalStateException("a receipt file holds no " + value.getClass().getSimpleName());
        }
    }
}
