/**
 * Reports on training/serving skew. {@link dev.parity.reports.skew} compares the distributions of
 * a feature service's features between two data sets; {@link dev.parity.reports.consistency}
 * compares served values with the offline values at the same times and gives every mismatch a
 * cause.
 */
package dev.parity.reports;
