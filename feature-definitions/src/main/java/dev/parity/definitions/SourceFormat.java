package dev.parity.definitions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** File formats a source can be read from. */
public enum SourceFormat {
  PARQUET,
  CSV;

  /** The name used in definitions: {@code parquet} or {@code csv}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code name} in a definition, if any. */
  public static Optional<SourceFormat> fromYamlName(String name) {
    return Arrays.stream(values()).filter(f -> f.yamlName().equals(name)).findFirst();
  }
}
