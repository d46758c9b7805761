package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/**
 * A request data field a served request carried for its on-demand features, as the log records
 * it, so that the offline path can recompute those features for the logged request.
 *
 * @param name the field's name in the request (and its column in the log)
 * @param type the field's declared type; logged values are of this type
 */
public record ServedRequestField(String name, DataType type) {
  public ServedRequestField {
    requireNonNull(name, "request field name is null");
    requireNonNull(type, "type of request field " + name + " is null");
  }
}
