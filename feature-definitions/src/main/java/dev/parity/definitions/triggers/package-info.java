/**
 * The {@code triggers:} block of a feature repository: when Parity builds a validated training set
 * for a feature service and hands it to the user's pipeline (docs/triggers.md). Value types only;
 * the server's scheduler and run executor act on them. This package depends on nothing else of
 * the definitions module, so the repository model can hold triggers without a package cycle.
 */
package dev.parity.definitions.triggers;
