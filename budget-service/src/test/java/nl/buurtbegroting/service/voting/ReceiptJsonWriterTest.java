package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.service.signing.ReceiptFile;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The ballot API writes its receipt by hand, copying the signed receipt file's bytes; the JSON a client reads must
 * be the same as the generic writer's for the same receipt (which paper keying still uses), member for member,
 * with strings that need escapes, non-ASCII text, large integers and nesting in the signed file.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class ReceiptJsonWriterTest {

    @Inject
    JsonMapper json;

    @Inject
    MessageBodyHandlerRegistry bodies;

    private static ReceiptFile signedFile() {
        Map<String, Object> ballot = new LinkedHashMap<>();
        ballot.put("nonce", "00ff");
        ballot.put("projects", List.of("a", "Straße \"Noord\" \\ é 😀", "tab\tline\nend\u0001"));
        ballot.put("points", List.of(1L, new BigInteger("123456789012345678901234567890")));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(true);
        ballot.put("flags", withNull);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("ballot", ballot);
        receipt.put("election", "7");
        receipt.put("signature", "c2ln");
        return ReceiptFile.written(CanonicalJson.write(receipt));
    }

    private Object parse(byte[] bytes) throws Exception {
        return json.readValue(bytes, Argument.OBJECT_ARGUMENT);
    }

    @Test
    void theBallotApiAnswerReadsAsTheGenericWritersAndCarriesTheSignedFileAsWritten() throws Exception {
        ReceiptFile signed = signedFile();
        ReceiptView receipt = new ReceiptView("0123abcd", "beef", 7, Channel.ONLINE, LocalDate.of(2026, 3, 9), signed);

        byte[] byHand = ReceiptJsonWriter.json(receipt);
        Object generic = parse(json.writeValueAsBytes(receipt));
        assertEquals(generic, parse(byHand));
        assertEquals(List.of("receiptId", "ballotHash", "electionId", "channel", "castOn", "signed"),
                List.copyOf(((Map<?, ?>) parse(byHand)).keySet()));
        String text = new String(byHand, StandardCharsets.UTF_8);
        byte[] embedded = text.substring(text.indexOf("\"signed\":") + 9, text.length() - 1).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Arrays.copyOf(signed.file(), signed.file().length - 1), embedded);
    }

    @Test
    void aReceiptWithoutSignedFileLeavesTheMemberOutAsTheGenericWriterDoes() throws Exception {
        ReceiptView receipt = new ReceiptView("0123abcd", "beef", 7, Channel.PAPER, LocalDate.of(2026, 3, 9), null);
        Map<?, ?> byHand = (Map<?, ?>) parse(ReceiptJsonWriter.json(receipt));
        assertFalse(byHand.containsKey("signed"));
        assertEquals(parse(json.writeValueAsBytes(receipt)), byHand);
    }

    @Test
    void paperKeyingEmbedsTheSameReceipt() throws Exception {
        ReceiptView receipt = new ReceiptView("0123abcd", "beef", 7, Channel.PAPER, LocalDate.of(2026, 3, 9), signedFile());
        Map<?, ?> keying = (Map<?, ?>) parse(json.writeValueAsBytes(new PaperKeying("stored", List.of(), receipt)));
        assertEquals(parse(ReceiptJsonWriter.json(receipt)), keying.get("receipt"));
    }

    @Test
    void theReceiptAnswerIsWrittenByTheReceiptWriter() {
        MessageBodyWriter<ReceiptView> writer = bodies.findWriter(Argument.of(ReceiptView.class),
                List.of(MediaType.APPLICATION_JSON_TYPE)).orElseThrow();
        assertInstanceOf(ReceiptJsonWriter.class, writer);
    }
}
