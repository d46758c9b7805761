package dev.parity.server.feast;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Optional;

/** The shape of error bodies: Parity's {@code {"code", "message"}} or Feast's (see {@link FeastErrors}). */
public enum ErrorFormat {
  /** {@code {"code": 404, "message": "..."}}: the default. */
  PARITY,
  /** A JSON string holding {@code {"module", "class", "message"}}, which Feast's SDK raises as its exception. */
  FEAST;

  /** The format named {@code id} ({@code parity} or {@code feast}, any case), empty for anything else. */
  public static Optional<ErrorFormat> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (ErrorFormat format : values()) {
      if (format.name().equalsIgnoreCase(id.strip())) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** For the configuration: {@code parity} or {@code feast}, any case. */
  @JsonCreator
  static ErrorFormat fromConfig(String id) {
    return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown error format '" + id
        + "', expected parity or feast"));
  }
}
