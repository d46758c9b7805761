package dev.parity.definitions;

/**
 * A selection names a feature service, view or feature the repository does not define. The one
 * exception for that on every path (online lookups, training sets, jobs, the CLI), with the same
 * message and a "did you mean" where a close name exists.
 */
public final class UnknownDefinitionException extends SelectionException {
  public UnknownDefinitionException(String message) {
    super(message);
  }
}
