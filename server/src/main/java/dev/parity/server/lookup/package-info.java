/**
 * Online lookups. {@link dev.parity.server.lookup.LookupService} is the one way a lookup is made,
 * by {@code POST /get-online-features} and by {@code parity get-online}: against the served
 * definitions (unapplied ones refused) and counted. {@link
 * dev.parity.server.lookup.OnlineFeaturesHandler} answers the HTTP lookup in front of Jersey, on
 * the thread that read the request where it can ({@link dev.parity.server.lookup.HandlerPlacement}),
 * keeping by hand, for speed, what Jersey gave it: the request's checks and body limits ({@code
 * LookupRequests}, {@code BodyReader}), authentication ({@code LookupAuth}), the JSON answers and
 * errors ({@code LookupAnswers}) and the endpoint's meters ({@code LookupMeters}).
 */
package dev.parity.server.lookup;
