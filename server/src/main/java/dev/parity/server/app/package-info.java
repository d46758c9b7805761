/**
 * Putting the server together: the {@code server} command ({@code -r DIR}, {@code --port},
 * {@code --config}), the configuration factories that build and manage the online store, the
 * bind-address rules of authentication, and the definitions the server serves.
 */
package dev.parity.server.app;
