/**
 * Reports over a repository's stores: {@link dev.parity.server.reports.ConsistencyReportService}
 * makes value consistency reports (the reports module's {@code ValueConsistency}) from the
 * repository's serving log, online store, offline engine and metadata store, for the CLI and the
 * server alike.
 */
package dev.parity.server.reports;
