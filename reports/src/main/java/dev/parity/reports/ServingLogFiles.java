package dev.parity.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a service's serving log ({@code serving_log/<service>/date=YYYY-MM-DD/*.parquet},
 * as the server writes them) that may hold requests of a time range: the published Parquet files
 * (not hidden, not {@code _}-prefixed) of the date directories the range touches, and any file
 * outside a date directory. Both reports read the log through this. Stateless.
 */
public final class ServingLogFiles {
  private ServingLogFiles() {}

  /**
   * The files of {@code directory} that may hold requests of {@code [from, to)}, in path order.
   *
   * @throws UncheckedIOException if the directory cannot be listed
   */
  public static List<Path> between(Path directory, Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .filter(p -> {
            String parent = p.getParent().getFileName().toString();
            if (!parent.startsWith("date=")) {
              return true;
            }
            try {
              LocalDate date = LocalDate.parse(parent.substring("date=".length()));
              return !date.isBefore(first) && !date.isAfter(last);
            } catch (DateTimeParseException e) {
              return true;
            }
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
