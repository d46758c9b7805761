/**
 * Push (Feast's push): fresh rows of a push source checked against the source's schema and
 * validation rules, then written online, appended offline, or both, with the ordering rules of
 * materialization. {@link dev.parity.server.push.PushService} is what {@code POST /push} and
 * {@code parity push} share; {@link dev.parity.server.push.PushMetrics} counts the pushes that
 * succeeded. Depends on {@code core} for the stores and the applied and validation checks.
 */
package dev.parity.server.push;
