/**
 * The Java client of a Parity server ({@code parity-client}): the JDK's {@code HttpClient} and
 * Jackson, nothing else. Start at {@link dev.parity.client.ParityClient}.
 *
 * <p>Public: the client and its builder, the request builders ({@link
 * dev.parity.client.LookupRequest}, {@link dev.parity.client.PushRequest}, {@link
 * dev.parity.client.Jobs}), the results ({@link dev.parity.client.OnlineFeatures}, {@link
 * dev.parity.client.FeatureRow}, {@link dev.parity.client.Job}, {@link
 * dev.parity.client.PushResult}), the policies, the listener and one exception per failure class
 * under {@link dev.parity.client.ParityClientException}. Everything else here — calls and their
 * attempts, circuit breakers, the retry budget, the near cache, the wire format — is
 * package-private.
 */
package dev.parity.client;
