package dev.parity.offline.parquet.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A {@link RowWriter} producing UTF-8 CSV: a header line of column names, then one line per row
 * ending in {@code \n}. Fields containing a comma, a double quote, CR or LF are quoted as RFC 4180
 * says (quotes doubled). A null is an empty field; an empty string is written {@code ""} so the two
 * stay distinct. Timestamps are ISO-8601 in UTC with a {@code Z} ({@code 2026-01-31T00:00:00Z},
 * fractional seconds only when non-zero); doubles use {@link Double#toString} ({@code NaN}, {@code
 * Infinity}); booleans {@code true}/{@code false}.
 */
final class CsvRowWriter extends AbstractRowWriter {
  private final Writer out;
  private boolean outClosed;

  CsvRowWriter(List<Column> columns, AtomicTarget target) throws IOException {
    super(columns, target);
    this.out =
        new BufferedWriter(
            Files.newBufferedWriter(
                target.temp(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING),
            1 << 16);
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      writeText(row.columns.get(i).name(), out);
    }
    out.write('\n');
  }

  @Override
  void write(RowBuffer row) throws IOException {
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      if (row.nulls[i]) {
        continue;
      }
      switch (row.types[i]) {
        case INT64 -> out.write(Long.toString(row.longs[i]));
        case FLOAT64 -> out.write(Double.toString(row.doubles[i]));
        case BOOL -> out.write(row.longs[i] != 0 ? "true" : "false");
        case STRING -> writeText(row.strings[i], out);
        case TIMESTAMP -> out.write(
            DateTimeFormatter.ISO_INSTANT.format(Timestamps.fromMicros(row.longs[i])));
      }
    }
    out.write('\n');
  }

  /** Writes {@code text} as one field, quoted when RFC 4180 requires it or when it is empty. */
  static void writeText(String text, Writer out) throws IOException {
    boolean quote = text.isEmpty();
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      out.write(text);
      return;
    }
    out.write('"');
    out.write(text.replace("\"", "\"\""));
    out.write('"');
  }

  @Override
  void finish() throws IOException {
    closeOut();
  }

  @Override
  void abandon() throws IOException {
    closeOut();
  }

  private void closeOut() throws IOException {
    if (!outClosed) {
      outClosed = true;
      out.close();
    }
  }
}
