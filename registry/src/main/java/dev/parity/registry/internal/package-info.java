/**
 * Not API: checks shared by the registry's value types and its Jdbi stores, public only because
 * they live in different packages. Callers outside the registry module must not use them.
 */
package dev.parity.registry.internal;
