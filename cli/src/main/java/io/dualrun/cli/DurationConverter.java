package io.dualrun.cli;

import io.dualrun.config.units.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations in dualrun's one syntax: 30s, 5m, 2h, 1d or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a positive duration (" + Durations.EXAMPLES + ")"));
  }
}
