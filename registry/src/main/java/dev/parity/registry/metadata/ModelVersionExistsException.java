package dev.parity.registry.metadata;

import dev.parity.registry.RegistryException;

/** A model version is registered twice; versions are immutable once reported. */
public class ModelVersionExistsException extends RegistryException {
  public ModelVersionExistsException(String message) {
    super(message);
  }
}
