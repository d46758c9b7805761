package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code default:} as written in a definition: the kind of YAML value it is and its text. It
 * becomes a value only against the feature's type ({@link #valueAs}), which for an aggregation is
 * known only once the repository is validated; the validated value is {@link
 * FeatureRepository#defaultValue}.
 *
 * <p>The rule both paths apply (training sets and lookups): a feature-view feature's default
 * stands in where no source row is in range (online: {@code NOT_FOUND}, {@code OUTSIDE_MAX_AGE},
 * status kept); an aggregation's default is its value wherever it would be null (an empty
 * window, or no non-null input).
 *
 * @param kind what YAML made of the value: {@code true} is a bool, {@code 1} an integer, {@code
 *     1.5} a float, {@code "1"} and {@code abc} strings
 * @param text the value as written (a bool's in lower case)
 */
public record DeclaredDefault(Kind kind, String text) {
  private static final Set<String> TRUE = Set.of("true", "yes", "on");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The YAML kinds a default may be. */
  public enum Kind {
    BOOL("a bool"),
    INTEGER("an integer"),
    FLOAT("a decimal number"),
    STRING("a string");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  public DeclaredDefault {
    requireNonNull(kind, "kind is null");
    requireNonNull(text, "text is null");
  }

  /** A default of {@code value}: Boolean, Long, Double or String. */
  public static DeclaredDefault of(Object value) {
    if (value instanceof Boolean b) {
      return new DeclaredDefault(Kind.BOOL, b.toString());
    } else if (value instanceof Long l) {
      return new DeclaredDefault(Kind.INTEGER, l.toString());
    } else if (value instanceof Double d) {
      return new DeclaredDefault(Kind.FLOAT, d.toString());
    } else if (value instanceof String s) {
      return new DeclaredDefault(Kind.STRING, s);
    }
    throw new IllegalArgumentException("a default is a Boolean, Long, Double or String, not " + value);
  }

  /**
   * The value of this default for a feature of {@code type}: a {@code Boolean} (bool), {@code
   * Long} (int64), {@code Double} (float64) or {@code String} (string), the Java types both paths
   * carry values in. Conversions are as strict as a lookup's: an integer becomes a float64 only if
   * a double holds it exactly; nothing else converts.
   *
   * @throws IllegalArgumentException with a message saying what is wrong, when the default does
   *     not fit the type or the type cannot have one (timestamp)
   */
  public Object valueAs(DataType type) {
    requireNonNull(type, "type is null");
    String shown = kind == Kind.STRING ? "\"" + text + "\"" : text;
    switch (type) {
      case BOOL:
        if (kind == Kind.BOOL) {
          return TRUE.contains(text.toLowerCase(Locale.ROOT));
        }
        break;
      case INT64:
        if (kind == Kind.INTEGER) {
          BigInteger value = integer();
          if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw new IllegalArgumentException("default " + text + " is out of the int64 range [" + Long.MIN_VALUE + ", "
                + Long.MAX_VALUE + "]");
          }
          return value.longValueExact();
        }
        break;
      case FLOAT64:
        if (kind == Kind.FLOAT || kind == Kind.INTEGER) {
          return float64();
        }
        break;
      case STRING:
        if (kind == Kind.STRING) {
          return text;
        }
        throw new IllegalArgumentException("default " + shown + " is " + kind.description + ", not a string; quote it (\""
            + text + "\") for a string default");
      case TIMESTAMP:
        throw new IllegalArgumentException("a timestamp feature cannot declare a default: an invented time would read as"
            + " a real event (ages, windows); leave it null");
      default:
        break;
    }
    throw new IllegalArgumentException("default " + shown + " is " + kind.description + ", but the feature is " + type);
  }

  private BigInteger integer() {
    try {
      return new BigInteger(text.replace("_", "").replaceFirst("^\\+", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("default " + text + " is not a decimal integer", e);
    }
  }

  private double float64() {
    BigDecimal exact;
    try {
      exact = new BigDecimal(text.replace("_", "").replaceFirst("^\\+", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("default " + text + " is not a finite decimal number", e);
    }
    double value = exact.doubleValue();
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("default " + text + " is out of the float64 range");
    }
    if (kind == Kind.INTEGER && exact.compareTo(new BigDecimal(value)) != 0) {
      throw new IllegalArgumentException("default " + text + " is an integer a float64 cannot hold exactly (beyond 2^53);"
          + " write it as a decimal number");
    }
    return value;
  }
}
