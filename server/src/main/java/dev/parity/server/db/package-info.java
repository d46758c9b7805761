/**
 * The server's side of the registry database: the Dropwizard connection pool
 * ({@link dev.parity.server.db.RegistryPool}) the registry module's
 * {@link dev.parity.registry.jdbi.RegistryDatabase} runs on. The registry, the metadata store and
 * their schema live in the {@code registry} module ({@code dev.parity.registry}).
 */
package dev.parity.server.db;
