/**
 * Direct mode of the Java client ({@code parity-client-direct}): a {@link
 * dev.parity.client.FeatureClient} that skips the HTTP hop and reads Redis itself, with the same
 * compiled definitions and the same lookup code as the server (the online module's request
 * planning, Redis reads and on-demand evaluation), answering with the HTTP client's result and
 * exception classes. Start at {@link dev.parity.client.direct.DirectClient#builder()}.
 */
package dev.parity.client.direct;
