package dev.parity.server.mappers;

import dev.parity.ParityException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.registry.RegistryConflictException;
import dev.parity.registry.RegistryException;
import dev.parity.registry.RegistryUnavailableException;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.core.RepositoryNotFoundException;
import dev.parity.server.errors.RequestTooLargeException;
import dev.parity.server.errors.UnknownObjectException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Parity's exceptions to statuses: unavailable backends (Redis, the registry, the
 * repository directory) 503, conflicts and unapplied definitions 409, unknown objects 404, too
 * many rows 413, other registry failures 500 (logged, not shown), every other {@link
 * ParityException} (bad request, invalid definitions...) 400 with its message. Thread-safe.
 */
public final class ParityExceptionMapper implements ExceptionMapper<ParityException> {
  private static final Logger LOG = LoggerFactory.getLogger(ParityExceptionMapper.class);

  @Override
  public Response toResponse(ParityException failure) {
    return ErrorResponses.of(ErrorResponses.describe(LOG, failure));
  }

  /** The HTTP status of {@code failure}. */
  static int status(ParityException failure) {
    if (failure instanceof OnlineStoreUnavailableException || failure instanceof RegistryUnavailableException
        || failure instanceof RepositoryNotFoundException) {
      return 503;
    }
    if (failure instanceof RegistryConflictException || failure instanceof NotAppliedException) {
      return 409;
    }
    if (failure instanceof UnknownObjectException || failure instanceof UnknownDefinitionException) {
      return 404;
    }
    if (failure instanceof RequestTooLargeException) {
      return 413;
    }
    if (failure instanceof RegistryException) {
      return 500;
    }
    return 400;
  }
}
