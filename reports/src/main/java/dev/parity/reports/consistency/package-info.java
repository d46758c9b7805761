/**
 * Value consistency (docs/reports.md): is what the online path served what the offline path
 * computes for the same entity at the same time? {@link dev.parity.reports.consistency.ValueConsistency}
 * takes served rows (a time range of the serving log, or a sample of entities looked up online
 * now), recomputes every one with the offline engine's public training-set API at that row's time,
 * counts per feature, and gives every mismatch a {@link dev.parity.reports.consistency.MismatchCause}
 * with a few examples.
 */
package dev.parity.reports.consistency;
