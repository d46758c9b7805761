package dev.parity.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a token may do. Ordered: each role includes those before it, so an admin token can also
 * read. The {@code *_ID} constants are the names used in configuration and {@code @RolesAllowed}.
 */
public enum Role {
  /** Online reads, registry reads, plans and metrics. */
  READER,
  /** Pushes, materializations and training sets. */
  WRITER,
  /** Applies and triggers. */
  ADMIN;

  public static final String READER_ID = "reader";
  public static final String WRITER_ID = "writer";
  public static final String ADMIN_ID = "admin";

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether holding this role allows what {@code required} allows. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /**
   * The role named {@code id}.
   *
   * @throws IllegalArgumentException naming the known roles
   */
  @JsonCreator
  public static Role fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("unknown role '" + id + "', expected one of reader, writer, admin"));
  }
}
