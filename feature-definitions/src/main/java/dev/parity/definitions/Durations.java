package dev.parity.definitions;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of definitions: {@code 0}, or an integer amount followed by one unit
 * {@code s m h d w} ({@code 30m}, {@code 1h}, {@code 7d}). Stateless and thread-safe.
 */
public final class Durations {
  private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,9})([smhdw])");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message saying what is accepted
   */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = SYNTAX.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "bad duration '" + text + "': expected 0 or an integer and a unit s, m, h, d or w (e.g. 30m, 1h, 7d)");
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return Duration.ofDays(7 * amount);
    }
  }

  /** The shortest text {@link #parse} reads back as {@code duration} (whole seconds only). */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds == 0) {
      return "0";
    }
    long[] sizes = {7 * 86400, 86400, 3600, 60};
    String[] units = {"w", "d", "h", "m"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds % sizes[i] == 0) {
        return seconds / sizes[i] + units[i];
      }
    }
    return seconds + "s";
  }
}
