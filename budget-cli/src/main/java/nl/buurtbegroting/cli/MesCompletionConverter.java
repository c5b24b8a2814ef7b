package nl.buurtbegroting.cli;

import nl.buurtbegroting.core.rules.MesCompletion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an Equal Shares completion with {@link MesCompletion#parse(String)}; its message lists the valid ones. */
final class MesCompletionConverter implements ITypeConverter<MesCompletion> {
    @Override
    public MesCompletion convert(String value) {
        try {
            return MesCompletion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
