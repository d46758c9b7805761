/**
 * Reports on training/serving skew (SPEC §5). {@link dev.parity.reports.skew} compares the
 * distributions of a feature service's features between two data sets.
 */
package dev.parity.reports;
