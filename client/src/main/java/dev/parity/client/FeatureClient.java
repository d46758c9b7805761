package dev.parity.client;

import java.util.Arrays;
import java.util.List;

/**
 * Lookups of online features, whichever way they are made: {@link ParityClient} over HTTP, or the
 * direct client of {@code parity-client-direct}, which reads Redis itself with the same
 * definitions and lookup code as the server. Both return the same {@link OnlineFeatures}, so a
 * service switches by constructing the other client. Implementations are thread-safe, built once
 * per process and closed at its end.
 */
public interface FeatureClient extends AutoCloseable {

  /**
   * A lookup of every feature of {@code featureService}.
   *
   * @throws BadRequestException if the name is a {@code view:feature} reference (use {@link #featureList})
   */
  LookupRequest features(String featureService);

  /**
   * A lookup of the features {@code references} name, each {@code view:feature}.
   *
   * @throws BadRequestException if the list is empty or a reference is not {@code view:feature}
   */
  LookupRequest featureList(List<String> references);

  /** As {@link #featureList(List)}. */
  default LookupRequest featureList(String... references) {
    return featureList(Arrays.asList(references));
  }

  /** Releases the client's connections and threads. Idempotent. */
  @Override
  void close();
}
