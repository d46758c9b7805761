package dev.parity.offline.features;

import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A copy of {@code examples/drivers} with generated sample data, loaded with Parquet schemas. */
final class DriversRepository {
  static final Path EXAMPLE = Path.of("..", "examples", "drivers");

  private DriversRepository() {}

  /** Copies the example's YAML files (and {@code extraYaml}, if any) to {@code dir} and generates data. */
  static Path create(Path dir, String... extraYaml) {
    try {
      Files.createDirectories(dir);
      for (String file : List.of("parity.yaml", "drivers.yaml")) {
        Files.copy(EXAMPLE.resolve(file), dir.resolve(file));
      }
      for (int i = 0; i < extraYaml.length; i++) {
        Files.writeString(dir.resolve("extra" + i + ".yaml"), extraYaml[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new SampleDataGenerator(SampleDataOptions.small(42), new PrintStream(OutputStream.nullOutputStream()), false)
        .generate(dir);
    return dir;
  }

  static FeatureRepository load(Path dir) {
    return new RepositoryLoader(SourceSchemaResolver.declaredOr(new ParquetSchemaResolver()), Map.of()).load(dir);
  }
}
