package dev.parity.definitions.expr;

/**
 * How a kernel or a row node says "the result is null" without boxing. Convention: the flag is
 * false on entry; a kernel sets it to true when its result is null (returning a zero value) and
 * never clears it. One flag per evaluation, never shared between threads.
 */
final class NullFlag {
  boolean isNull;
}
