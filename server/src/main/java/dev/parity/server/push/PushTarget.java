package dev.parity.server.push;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where pushed rows go (Feast's {@code to}): the online store, the offline source, or both. */
public enum PushTarget {
  /** Written online only (the default). */
  ONLINE,
  /** Appended to the source's directory only, for later training sets and materializations. */
  OFFLINE,
  /** Appended offline, then written online. */
  ONLINE_AND_OFFLINE;

  /** The name used on the wire and the command line: {@code online}, {@code offline}, {@code online_and_offline}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether rows are written online. */
  public boolean online() {
    return this != OFFLINE;
  }

  /** Whether rows are appended offline. */
  public boolean offline() {
    return this != ONLINE;
  }

  /**
   * The target named {@code id}, case-insensitive.
   *
   * @throws PushException naming the accepted values
   */
  public static PushTarget fromId(String id) {
    for (PushTarget target : values()) {
      if (target.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
        return target;
      }
    }
    throw new PushException("unknown push target '" + id + "', expected one of "
        + Arrays.stream(values()).map(PushTarget::id).collect(Collectors.joining(", ")));
  }
}
