/**
 * Dropwizard Metrics for the Parity Java client: {@link dev.parity.client.metrics.DropwizardClientMetrics}
 * records what a {@link dev.parity.client.ParityClient} does into a {@code MetricRegistry}.
 */
package dev.parity.client.metrics;
