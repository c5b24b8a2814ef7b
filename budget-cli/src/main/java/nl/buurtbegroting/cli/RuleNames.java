package nl.buurtbegroting.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nl.buurtbegroting.core.rules.RuleName;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The rule names users may type, taken from {@link RuleName} so that a rule added to the core shows up
 * here (in {@code --help}, in error messages and in {@code compare}) without touching the tool.
 */
final class RuleNames implements Iterable<String> {

    /** Every rule's label, in {@link RuleName} order. */
    static List<String> labels() {
        return Arrays.stream(RuleName.values()).map(RuleName::label).toList();
    }

    @Override
    public Iterator<String> iterator() {
        return labels().iterator();
    }

    /** Accepts what {@link RuleName#find(String)} accepts; otherwise lists the valid rules. */
    static final class Converter implements ITypeConverter<RuleName> {
        @Override
        public RuleName convert(String value) {
            return RuleName.find(value).orElseThrow(() -> new TypeConversionException(
                    "unknown rule '" + value + "'; valid rules: " + String.join(", ", labels())));
        }
    }
}
