/**
 * Triggers of the continuous-training loop (docs/triggers.md): firing (by hand, on a cron
 * schedule, on new source files, on a metric crossing a threshold), the run each firing starts
 * (data validation, point-in-time training set, hook) and the hooks that hand the training set to
 * the user's pipeline (a signed webhook or a command). Firings are claimed in the registry, so
 * several servers on one PostgreSQL registry run each firing once.
 */
package dev.parity.server.triggers;
