/**
 * Public only so that the server's quickstart and the tests of other modules can use it; not API,
 * may change without notice.
 *
 * <p>{@link dev.parity.online.internal.RedisBinaries} finds a real {@code redis-server} to start
 * on a machine that has none installed.
 */
package dev.parity.online.internal;
