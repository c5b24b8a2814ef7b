package nl.buurtbegroting.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The languages explanations are written in. */
enum Language {
    NL, EN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive: {@code nl}, {@code EN}. */
    static final class Converter implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            for (Language l : values()) {
                if (l.label().equalsIgnoreCase(value.strip())) {
                    return l;
                }
            }
            throw new TypeConversionException("unknown language '" + value + "'; valid languages: nl, en");
        }
    }

    /** The labels as {@code --help} shows them. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Language::label).iterator();
        }
    }
}
