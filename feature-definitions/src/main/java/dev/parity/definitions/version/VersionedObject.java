package dev.parity.definitions.version;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One object's canonical form and version: the hex SHA-256 of the canonical JSON. This is also
 * what a registry stores and hands back for planning.
 */
public record VersionedObject(ObjectKey key, String canonicalJson, String version) {
  /** Length of {@link #shortVersion()}. */
  public static final int SHORT_LENGTH = 12;

  public VersionedObject {
    requireNonNull(key, "key is null");
    requireNonNull(canonicalJson, "canonicalJson is null");
    requireNonNull(version, "version is null");
  }

  /** The object with the version computed from {@code canonicalJson}. */
  public static VersionedObject of(ObjectKey key, String canonicalJson) {
    return new VersionedObject(key, canonicalJson, sha256(canonicalJson));
  }

  /** The first {@value #SHORT_LENGTH} hex digits of the version, for display. */
  public String shortVersion() {
    return version.length() <= SHORT_LENGTH ? version : version.substring(0, SHORT_LENGTH);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
