/**
 * How failures reach HTTP clients: the server's own exception categories and the
 * {@code ExceptionMapper}s that turn every failure into {@code {"code", "message"}} JSON with the
 * right status. Unexpected failures are logged with an id and answered with a generic 500 that
 * names the id and nothing else.
 */
package dev.parity.server.errors;
