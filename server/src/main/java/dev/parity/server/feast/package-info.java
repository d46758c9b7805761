/**
 * Feast's feature server on top of Parity's: the endpoints the unmodified Feast SDK calls with
 * {@code online_store: {type: remote}} that Parity does not have under its own names ({@code POST
 * /write-to-online-store}, {@code POST /push} with the source in the body, {@code GET /health}),
 * and errors in Feast's shape for the clients that ask for them ({@link FeastErrors}). Each
 * endpoint translates Feast's request to Parity's services (push, lookups) and adds no semantics
 * of its own; the differences that remain are listed in {@code docs/feast.md}.
 */
package dev.parity.server.feast;
