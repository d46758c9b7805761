package dev.parity.definitions.selection;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;

/**
 * A request data field a selection's on-demand features read (online: sent with the request;
 * offline: a column of the entity table), and the first on-demand feature that reads it.
 */
public record RequestField(String name, DataType type, FeatureRef neededBy) {
  public RequestField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(neededBy, "neededBy is null");
  }
}
