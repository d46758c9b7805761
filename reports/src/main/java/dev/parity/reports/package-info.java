/**
 * Reports on training/serving skew (not written yet: see docs/README.md). {@link dev.parity.reports.skew} compares the
 * distributions of a feature service's features between two data sets.
 */
package dev.parity.reports;
