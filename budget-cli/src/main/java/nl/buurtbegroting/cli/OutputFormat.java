package nl.buurtbegroting.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: an aligned table for people, or JSON for programs. */
enum OutputFormat {
    TEXT, JSON;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive: {@code json}, {@code JSON}. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.label().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw new TypeConversionException("unknown format '" + value + "'; valid formats: text, json");
        }
    }

    /** The labels as {@code --help} shows them. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(OutputFormat::label).iterator();
        }
    }
}
