package nl.buurtbegroting.service.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The strict reading of a request body, checked against the request record before it is bound: every value has
 * the JSON type of its field ({@code "100"} is not a number, {@code 1.5} not a whole number, {@code true} not a
 * number, a number not a name), whole numbers fit their field, enum values are known, dates are ISO-8601 instants
 * between {@link #EARLIEST} and {@link #LATEST}, no member appears twice and no member is unknown. Each fault is
 * a violation naming its JSON path, so the answer is one 400 VALIDATION_FAILED that says what to fix.
 */
public final class StrictJson {

    /** The earliest and latest instants any request may carry: far around any real election. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(40).build())
            .build();

    /**
     * Each request record's members and their types, in declaration order. Looked up once a class: reading them
     * by reflection (which parses the generic signatures anew) cost more than the check itself on every ballot.
     */
    private static final ClassValue<Map<String, Type>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> record) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (RecordComponent c : record.getRecordComponents()) {
                fields.put(c.getName(), c.getGenericType());
            }
            return Collections.unmodifiableMap(fields);
        }
    };

    private StrictJson() {
    }

    /**
     * Every fault of {@code body} read as {@code type}; empty when it may be bound. A body that is not JSON at all
     * (a syntax error, anything after the one value, nesting deeper than 32) throws 400 MALFORMED_REQUEST with the
     * {@code line} and {@code column} where reading stopped; a number of more than 40 digits is NUMBER_OUT_OF_RANGE at
     * its field, as a shorter one past the field's range is.
     */
    public static List<Violation> check(byte[] body, Type type) {
        List<Violation> out = new ArrayList<>();
        ApiProblem malformed = null;
        JsonParser p = null;
        try {
            p = FACTORY.createParser(body);
            if (p.nextToken() == null) {
                return out;
            }
            value(p, type, "", out);
            if (p.nextToken() != null) {
                // The binder read the first value and ignored the rest: {"name":"A"}{"name":"B"} created A.
                malformed = malformed(p.currentTokenLocation(), "holds more after its JSON value; send exactly one JSON object");
            }
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Number value length")) {
                out.add(new Violation(pointerToPath(pointer(p)), "NUMBER_OUT_OF_RANGE", "is a number of more than 40 digits"));
            } else {
                malformed = malformed(p == null ? null : p.currentLocation(), "is nested more than 32 levels deep");
            }
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                String path = pointerToPath(e.getProcessor() == null ? "" : ((JsonParser) e.getProcessor())
                        .getParsingContext().pathAsPointer().toString());
                out.add(new Violation(path, "DUPLICATE_FIELD", "this member appears more than once; send it once"));
            } else {
                malformed = malformed(e.getLocation(), "is not valid JSON here; check the syntax (quotes, commas, brackets)");
            }
        } catch (IOException | RuntimeException e) {
            // Left to the binder, which answers a body it cannot read as MALFORMED_REQUEST.
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // Nothing was opened but the array already in memory.
                }
            }
        }
        if (malformed != null) {
            throw malformed;
        }
        return out;
    }

    private static String pointer(JsonParser p) {
        return p == null ? "" : p.getParsingContext().pathAsPointer().toString();
    }

    /** MALFORMED_REQUEST saying where: line and column of the body (both from 1). */
    private static ApiProblem malformed(JsonLocation at, String what) {
        Map<String, Object> members = new LinkedHashMap<>();
        String where = "";
        if (at != null && at.getLineNr() > 0) {
            members.put("line", at.getLineNr());
            members.put("column", at.getColumnNr());
            where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return ApiProblem.of(ProblemCode.MALFORMED_REQUEST, "The request body" + where + " " + what + ".", members);
    }

    private static void value(JsonParser p, Type type, String path, List<Violation> out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            expect(t == JsonToken.VALUE_STRING, p, path, "text", out);
        } else if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                expect(false, p, path, "a whole number", out);
            } else {
                boolean isInt = raw == Integer.class || raw == int.class;
                JsonParser.NumberType n = p.getNumberType();
                if (n == JsonParser.NumberType.BIG_INTEGER || (isInt && n == JsonParser.NumberType.LONG)) {
                    out.add(new Violation(path, "NUMBER_OUT_OF_RANGE", "must be between "
                            + (isInt ? Integer.MIN_VALUE + " and " + Integer.MAX_VALUE : Long.MIN_VALUE + " and " + Long.MAX_VALUE)));
                }
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE, p, path, "true or false", out);
        } else if (raw.isEnum()) {
            if (t != JsonToken.VALUE_STRING) {
                expect(false, p, path, "one of " + constants(raw), out);
            } else if (Arrays.stream(raw.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equals(text(p)))) {
                out.add(new Violation(path, "UNKNOWN_VALUE", "must be one of " + constants(raw)));
            }
        } else if (raw == Instant.class) {
            if (t != JsonToken.VALUE_STRING) {
                expect(false, p, path, "a date and time such as 2026-05-01T09:00:00Z", out);
            } else {
                instant(p.getText(), path, out);
            }
        } else if (List.class.isAssignableFrom(raw)) {
            if (t != JsonToken.START_ARRAY) {
                expect(false, p, path, "a list", out);
                p.skipChildren();
                return;
            }
            Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                value(p, element, path + "[" + i++ + "]", out);
            }
        } else if (raw.isRecord()) {
            if (t != JsonToken.START_OBJECT) {
                expect(false, p, path, "an object", out);
                p.skipChildren();
                return;
            }
            Map<String, Type> fields = FIELDS.get(raw);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                p.nextToken();
                Type fieldType = fields.get(name);
                if (fieldType == null) {
                    out.add(new Violation(child, "UNKNOWN_FIELD", "is not a member of this request; known members: "
                            + String.join(", ", fields.keySet())));
                    p.skipChildren();
                } else {
                    value(p, fieldType, child, out);
                }
            }
        } else {
            p.skipChildren();
        }
    }

    /** A date in the sane range, or a violation; also used for dates that arrive some other way. */
    public static void instant(String text, String path, List<Violation> out) {
        try {
            Instant at = Instant.parse(text);
            if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                out.add(new Violation(path, "DATE_OUT_OF_RANGE", "must be between " + EARLIEST + " and " + LATEST));
            }
        } catch (DateTimeParseException e) {
            out.add(new Violation(path, "NOT_A_DATE", "must be a date and time in ISO 8601 such as 2026-05-01T09:00:00Z"));
        }
    }

    private static void expect(boolean ok, JsonParser p, String path, String what, List<Violation> out) throws IOException {
        if (!ok) {
            out.add(new Violation(path, "WRONG_TYPE", "must be " + what + ", not " + describe(p.currentToken())));
            p.skipChildren();
        }
    }

    private static String text(JsonParser p) {
        try {
            return p.getText();
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String constants(Class<?> e) {
        return Arrays.stream(e.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /** {@code /categories/1/name} becomes {@code categories[1].name}. */
    static String pointerToPath(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
