package nl.buurtbegroting.cli;

import java.util.Arrays;
import java.util.Iterator;
import nl.buurtbegroting.core.explain.Language;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --lang} with {@link Language#parse(String)} (case-insensitive {@code nl}, {@code en}). */
final class LanguageConverter implements ITypeConverter<Language> {

    @Override
    public Language convert(String value) {
        try {
            return Language.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown language '" + value + "'; valid languages: "
                    + String.join(", ", new Candidates()));
        }
    }

    /** The language codes as {@code --help} shows them, from the core's {@link Language}. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Language.values()).map(Language::code).iterator();
        }
    }
}
