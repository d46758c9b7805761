package dev.parity.server.db;

import java.util.regex.Pattern;

/** Checks shared by the value types of this package. */
final class Names {
  /** Longest name the schema stores ({@code VARCHAR(255)}). */
  static final int MAX_LENGTH = 255;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private Names() {}

  static String check(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " '" + value.substring(0, 40) + "...' is longer than "
          + MAX_LENGTH + " characters");
    }
    return value;
  }

  static String checkVersion(String version, String what) {
    if (version == null || !SHA256_HEX.matcher(version).matches()) {
      throw new IllegalArgumentException(what + " must be a lowercase hex SHA-256 (64 characters), got '"
          + version + "'");
    }
    return version;
  }

  static long checkNotNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }
}
