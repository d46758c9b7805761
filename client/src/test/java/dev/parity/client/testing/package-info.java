/** Helpers for tests of the client and of modules built on it, shared through the client's test-jar. */
package dev.parity.client.testing;
