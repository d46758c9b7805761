package dev.parity.registry.metadata;

import dev.parity.registry.RegistryException;

/** A model, model version, alias holder or training set named by the caller does not exist. */
public class ModelNotFoundException extends RegistryException {
  public ModelNotFoundException(String message) {
    super(message);
  }
}
