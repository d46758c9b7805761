/**
 * The registry and the metadata store on H2 or PostgreSQL through Jdbi.
 * {@link dev.parity.registry.jdbi.RegistryDatabase} is the one public entry: it checks the URL,
 * starts the {@link dev.parity.registry.jdbi.ConnectionPool} the caller supplies, brings the
 * schema up to date with the Flyway scripts in {@code db/registry} on the classpath (applied
 * scripts are never renamed or edited: existing registries must keep opening), and hands out
 * the stores. The DAOs, the migration runner and the translation of SQL failures into
 * {@link dev.parity.registry.RegistryException}s are package-private.
 */
package dev.parity.registry.jdbi;
