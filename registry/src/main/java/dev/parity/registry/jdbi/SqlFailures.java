package dev.parity.registry.jdbi;

import dev.parity.registry.RegistryException;
import dev.parity.registry.RegistryUnavailableException;
import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/** Tells a lost or refused connection from other SQL errors, so callers get one exception type. */
final class SqlFailures {
  // H2 error codes meaning the database cannot be used: broken connection, closed or in use
  // by another process, file that cannot be created or read, database missing.
  private static final Set<Integer> H2_UNAVAILABLE = Set.of(90067, 90098, 90020, 90121, 90013, 90028, 90031,
      90062, 90146, 90135, 90108);

  private SqlFailures() {}

  /**
   * Returns the exception to throw for {@code failure} met while using the registry at
   * {@code maskedUrl}: a {@link RegistryUnavailableException} when it is a connection problem, or
   * else {@code failure} itself if it is unchecked, or a {@link RegistryException} wrapping it.
   */
  static RuntimeException translate(RuntimeException failure, String maskedUrl) {
    if (failure instanceof RegistryException) {
      return failure;
    }
    if (isUnavailable(failure)) {
      return new RegistryUnavailableException(maskedUrl, reason(failure), failure);
    }
    return failure;
  }

  /** Runs {@code body}, translating its failures with {@link #translate}. */
  static <T> T call(String maskedUrl, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw translate(e, maskedUrl);
    }
  }

  /** Whether a unique or primary key constraint refused the statement (SQL state 23505 on H2 and PostgreSQL). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && isUnavailable(sql)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isUnavailable(SQLException sql) {
    String state = sql.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
        || state.equals("28P01") || state.equals("28000") || state.equals("3D000"))) {
      return true;
    }
    return sql.getClass().getName().startsWith("org.h2.") && H2_UNAVAILABLE.contains(sql.getErrorCode());
  }

  /** The first line of the deepest message in the cause chain: what the driver actually said. */
  static String reason(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return failure.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse(message).strip();
    // H2 appends "[90062-240]"; the code helps support, the SQL it sometimes quotes does not.
    return firstLine.length() > 300 ? firstLine.substring(0, 300) + "..." : firstLine;
  }
}
