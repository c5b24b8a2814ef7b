package nl.buurtbegroting.cli;

import nl.buurtbegroting.core.tiebreak.TieBreaking;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a tie-breaking policy with {@link TieBreaking#parse(String)}; its message lists the valid policies. */
final class TieBreakingConverter implements ITypeConverter<TieBreaking> {
    @Override
    public TieBreaking convert(String value) {
        try {
            return TieBreaking.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
