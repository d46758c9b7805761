/**
 * The errors several packages share: the body every error is answered with ({@link
 * dev.parity.server.errors.ErrorResponse}, {@code {"code", "message"}}) and the server's own
 * exception categories that more than one package throws (a bad request, an unknown object, a
 * request too large). Depends on no other server package, so that every package may depend on
 * it; how failures become statuses is {@code dev.parity.server.mappers}.
 */
package dev.parity.server.errors;
