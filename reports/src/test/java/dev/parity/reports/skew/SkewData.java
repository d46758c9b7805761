package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generated data sets of the test repository's service {@code scoring} (view {@code stats}):
 * seeded, so every run writes the same rows. Columns are named {@code stats__<feature>} (full
 * names) unless {@link Shape#withPlainNames}.
 */
final class SkewData {
  static final long T0 = 1_767_225_600_000_000L; // 2026-01-01T00:00Z in micros
  static final long HOUR = 3_600_000_000L;
  static final List<String> VEHICLES = List.of("sedan", "suv", "van", "bike");

  private SkewData() {}

  static FeatureRepository repository() {
    try {
      Path root = Path.of(SkewData.class.getClassLoader().getResource("skew/repo").toURI());
      return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How a data set is drawn: rate ~ Normal(rateMean, 1), trips ~ Poisson-like small counts,
   * seen_at uniform over 30 days, vehicle from {@link #VEHICLES} with weights 4:3:2:1 (or "truck"
   * with probability {@code newCategory}), active true with probability 0.7; each feature null
   * with probability {@code nullRate}.
   */
  record Shape(long seed, int rows, double rateMean, double newCategory, double nullRate, boolean plainNames) {
    static Shape of(long seed, int rows) {
      return new Shape(seed, rows, 0, 0, 0.02, false);
    }

    Shape rateMean(double value) {
      return new Shape(seed, rows, value, newCategory, nullRate, plainNames);
    }

    Shape newCategory(double value) {
      return new Shape(seed, rows, rateMean, value, nullRate, plainNames);
    }

    Shape nullRate(double value) {
      return new Shape(seed, rows, rateMean, newCategory, value, plainNames);
    }

    Shape withPlainNames() {
      return new Shape(seed, rows, rateMean, newCategory, nullRate, true);
    }
  }

  static Path write(Path file, Shape shape) {
    String prefix = shape.plainNames() ? "" : "stats__";
    List<Column> columns = List.of(
        Column.required("driver_id", DataType.INT64),
        Column.optional(prefix + "rate", DataType.FLOAT64),
        Column.optional(prefix + "trips", DataType.INT64),
        Column.optional(prefix + "seen_at", DataType.TIMESTAMP),
        Column.optional(prefix + "vehicle", DataType.STRING),
        Column.optional(prefix + "active", DataType.BOOL));
    SplittableRandom random = new SplittableRandom(shape.seed());
    try (RowWriter out = ParquetFiles.create(file, columns, ParquetWriteOptions.defaults())) {
      for (int i = 0; i < shape.rows(); i++) {
        out.setLong(0, i);
        if (random.nextDouble() < shape.nullRate()) {
          out.setNull(1);
        } else {
          out.setDouble(1, shape.rateMean() + gaussian(random));
        }
        if (random.nextDouble() < shape.nullRate()) {
          out.setNull(2);
        } else {
          out.setLong(2, (long) Math.floor(-Math.log(1 - random.nextDouble()) * 3));
        }
        if (random.nextDouble() < shape.nullRate()) {
          out.setNull(3);
        } else {
          out.setTimestampMicros(3, T0 + random.nextLong(30 * 24 * HOUR));
        }
        if (random.nextDouble() < shape.nullRate()) {
          out.setNull(4);
        } else if (random.nextDouble() < shape.newCategory()) {
          out.setString(4, "truck");
        } else {
          double u = random.nextDouble() * 10;
          out.setString(4, VEHICLES.get(u < 4 ? 0 : u < 7 ? 1 : u < 9 ? 2 : 3));
        }
        if (random.nextDouble() < shape.nullRate()) {
          out.setNull(5);
        } else {
          out.setBoolean(5, random.nextDouble() < 0.7);
        }
        out.endRow();
      }
      out.commit();
    }
    return file;
  }

  /** A standard normal draw (Box-Muller), from the seeded generator only. */
  static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
