package dev.parity.definitions;

import dev.parity.ParityException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A feature repository is invalid; nothing of it may be registered. Carries every error found,
 * sorted by file, line, column; the message is one {@code file:line:column: message} per line.
 */
public final class DefinitionException extends ParityException {
  private final List<DefinitionError> errors;

  /** @param errors at least one error; sorted here */
  public DefinitionException(List<DefinitionError> errors) {
    super(render(errors));
    this.errors = errors.stream().sorted().toList();
  }

  private static String render(List<DefinitionError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a DefinitionException needs at least one error");
    }
    return errors.stream().sorted().map(DefinitionError::toString).collect(Collectors.joining("\n"));
  }

  /** The errors, sorted. */
  public List<DefinitionError> errors() {
    return errors;
  }
}
