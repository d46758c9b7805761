package dev.parity.client;

/** Reads a 2xx answer's body; anything it throws makes the answer malformed. */
@FunctionalInterface
interface BodyParser<T> {
  T parse(byte[] body) throws Exception;
}
