package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Allowed values, written as text in definitions, compared with values of a column's type: text
 * for strings; by value for numbers ({@code 1}, {@code 1.0} and {@code 1e0} are the same), bools
 * ({@code true}, case-insensitive) and timestamps (ISO-8601 with offset). A text that does not
 * read as the column's type matches nothing.
 */
final class AllowedValues {
  private final List<String> texts;
  private final Set<Object> values = new HashSet<>();

  AllowedValues(List<String> texts, DataType type) {
    this.texts = List.copyOf(texts);
    for (String text : texts) {
      Object value = parse(type == DataType.STRING ? text : text.trim(), type);
      if (value != null) {
        values.add(value);
      }
    }
  }

  List<String> texts() {
    return texts;
  }

  boolean allows(ColumnValues column, int row) {
    switch (column.type) {
      case STRING:
        return values.contains(column.strings[row]);
      case FLOAT64:
        return values.contains(normalize(column.doubles[row]));
      case BOOL:
        return values.contains(column.longs[row] != 0);
      default:
        return values.contains(column.longs[row]);
    }
  }

  private static Object parse(String text, DataType type) {
    try {
      switch (type) {
        case STRING:
          return text;
        case INT64:
          return new BigDecimal(text).longValueExact();
        case FLOAT64:
          return normalize(Double.parseDouble(text));
        case BOOL:
          String lower = text.toLowerCase(Locale.ROOT);
          return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
        default:
          return Formats.micros(OffsetDateTime.parse(text).toInstant());
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      // Not a value of this column's type: it can match no value, which the check reports.
      return null;
    }
  }

  private static Double normalize(double value) {
    return value == 0.0 ? 0.0 : value;
  }
}
