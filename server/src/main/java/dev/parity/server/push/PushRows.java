package dev.parity.server.push;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows to push, by column (Feast's {@code df}): column name to one value per row, as read from a
 * request or a file, before they are checked against the source.
 *
 * <p>Values: {@code null}; {@link Boolean}; {@link Long}, {@link Integer}, {@link Short}, {@link
 * Byte} (integers of that physical width); {@link Double}, {@link Float}; {@link
 * java.math.BigDecimal} for a number of no particular type (JSON numbers, CSV cells), which may
 * go to an {@code int64} column when integral or to a {@code float64} column; {@link String};
 * {@link java.time.Instant} for a timestamp with its zone; timestamps may also be ISO-8601
 * strings with an offset or {@code Z}. Anything else is rejected when checked.
 *
 * @param columns column name to values, in column order; lists may hold nulls
 */
public record PushRows(Map<String, List<Object>> columns) {
  public PushRows {
    requireNonNull(columns, "columns is null");
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    columns.forEach((name, values) -> copy.put(requireNonNull(name, "column name is null"),
        Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values of column " + name + " are null")))));
    columns = Collections.unmodifiableMap(copy);
  }

  /** The number of rows: the length of the longest column (columns of other lengths are rejected when checked). */
  public int rowCount() {
    return columns.values().stream().mapToInt(List::size).max().orElse(0);
  }
}
