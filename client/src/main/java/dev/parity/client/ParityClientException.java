package dev.parity.client;

import java.util.OptionalInt;

/**
 * The root of every exception the Parity client throws: catch this one to handle any failure of
 * a call. Each failure class has its own subclass, so that a caller can tell a request it must
 * fix ({@link BadRequestException}, {@link NotFoundException}, {@link UnauthorizedException})
 * from a server it may try again later ({@link UnavailableException}, {@link
 * DeadlineExceededException}) and from a server that misbehaves ({@link
 * MalformedResponseException}, {@link ServerErrorException}). Unchecked, like the exceptions of
 * the server's code.
 */
public class ParityClientException extends RuntimeException {
  private final int httpStatus;

  ParityClientException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the server answered with, or empty when no answer was had. */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }
}
