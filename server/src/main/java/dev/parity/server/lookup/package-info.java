/**
 * Online lookups, {@code POST /get-online-features}: a Jetty handler in front of Jersey that
 * answers on the thread that read the request where it can, with the same authentication, JSON
 * errors, metrics and request log as the resources, and the counts of what lookups return.
 */
package dev.parity.server.lookup;
