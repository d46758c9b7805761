/**
 * Operations: health checks of the registry and Redis, Redis timings, and the Prometheus text
 * rendering of the server's metrics.
 */
package dev.parity.server.health;
