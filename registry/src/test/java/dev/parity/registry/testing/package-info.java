/**
 * Test support shared with the server's tests through this module's test-jar: where tests find
 * PostgreSQL ({@link dev.parity.registry.testing.TestPostgres}).
 */
package dev.parity.registry.testing;
