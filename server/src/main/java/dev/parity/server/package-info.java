/**
 * The application: {@link dev.parity.server.ParityApplication} builds every service once and
 * wires resources, the lookup handler, commands and health checks together; {@link
 * dev.parity.server.ParityConfiguration} is its YAML configuration and {@link
 * dev.parity.server.ServeCommand} the {@code server} command ({@code -r DIR}, {@code --port},
 * {@code --config}). Nothing in the other server packages depends on this one.
 */
package dev.parity.server;
