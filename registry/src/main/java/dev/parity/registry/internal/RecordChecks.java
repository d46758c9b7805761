package dev.parity.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Checks shared by the registry's value types and its Jdbi stores: names that fit the schema,
 * SHA-256 versions, counts that cannot be negative, private copies of JSON documents.
 */
public final class RecordChecks {
  /** Longest name the schema stores ({@code VARCHAR(255)}). */
  public static final int MAX_LENGTH = 255;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private RecordChecks() {}

  /** Returns {@code value} if it is present, not blank and fits the schema. */
  public static String check(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " '" + value.substring(0, 40) + "...' is longer than "
          + MAX_LENGTH + " characters");
    }
    return value;
  }

  /** Returns {@code version} if it is a lowercase hex SHA-256. */
  public static String checkVersion(String version, String what) {
    if (version == null || !SHA256_HEX.matcher(version).matches()) {
      throw new IllegalArgumentException(what + " must be a lowercase hex SHA-256 (64 characters), got '"
          + version + "'");
    }
    return version;
  }

  /** Returns {@code value} if it is zero or more. */
  public static long checkNotNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }

  /** A private copy, so records holding JSON stay immutable. */
  public static JsonNode copyJson(JsonNode node, String what) {
    if (node == null) {
      throw new NullPointerException(what + " is null");
    }
    return node.deepCopy();
  }
}
