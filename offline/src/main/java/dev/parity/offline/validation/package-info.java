/**
 * Data validation (docs/offline.md): checks a feature view's source data before materialization or a
 * training set reads it.
 *
 * <p>Public API: {@link dev.parity.offline.validation.DataValidator} ({@code validate} a view for
 * an {@link dev.parity.offline.validation.EventInterval}, {@code inferRules} from a reference
 * dataset), the {@link dev.parity.offline.validation.ValidationReport} of {@link
 * dev.parity.offline.validation.ValidationCheck}s (rendered text, JSON), {@link
 * dev.parity.offline.validation.DataValidationException} thrown by {@link
 * dev.parity.offline.validation.ValidationReport#requirePassed()}, and {@link
 * dev.parity.offline.validation.ValidationRulesYaml} to write rules back as a {@code validation:}
 * block. Readers of Parquet and CSV here are this package's own, streaming in batches.
 */
package dev.parity.offline.validation;
