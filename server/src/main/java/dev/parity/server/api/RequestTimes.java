package dev.parity.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.RequestValues;
import dev.parity.server.errors.InvalidRequestException;
import java.time.Instant;

/**
 * A time given as a field of a request body, read by {@link RequestValues#time} (the reading every
 * endpoint shares): an ISO-8601 string, with an offset or without one as UTC, or a number of epoch
 * seconds. Stateless.
 */
public final class RequestTimes {
  private RequestTimes() {}

  /**
   * The time in {@code node}, the value of field {@code field}.
   *
   * @throws InvalidRequestException naming the field if it is missing or not a time
   */
  public static Instant required(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidRequestException(field + " is missing: give " + RequestValues.TIME_FORMS);
    }
    // Jackson reads 1e400 as an infinite double, which has no decimal value: passed on as the
    // double, it is "not a time" (a 400) rather than a NumberFormatException (a 500).
    Object value = node.isTextual() ? node.textValue()
        : !node.isNumber() ? null
        : Double.isFinite(node.doubleValue()) ? node.decimalValue() : (Object) node.doubleValue();
    return RequestValues.time(value).orElseThrow(() -> new InvalidRequestException(field + " " + shown(node)
        + " is not a time: give " + RequestValues.TIME_FORMS));
  }

  /** The value as sent; a huge one is cut with the whole message ({@link ErrorResponse}). */
  private static String shown(JsonNode node) {
    return node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
  }
}
