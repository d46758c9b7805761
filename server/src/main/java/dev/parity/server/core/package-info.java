/**
 * The services behind commands and resources: they load feature repositories, talk to the
 * registry and other stores, and return results that callers only render. CLI commands and HTTP
 * resources hold no logic of their own.
 */
package dev.parity.server.core;
