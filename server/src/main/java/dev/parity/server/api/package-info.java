/**
 * Wire types of the HTTP server: the JSON bodies of requests and responses, mapped to and from
 * the services' own types. Field names follow Feast's feature server where an endpoint mirrors
 * one ({@code snake_case}), so Feast clients work unchanged.
 */
package dev.parity.server.api;
