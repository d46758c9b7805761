package dev.parity.online.servinglog;

import static dev.parity.online.FeatureValue.Status.OUTSIDE_MAX_AGE;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.online.FeatureValue;
import dev.parity.online.KeyColumn;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The logger's sampling, queueing, flushing and failure handling, against an in-memory sink. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServingLoggerTest {
  private static final ServedSchema SCHEMA = ServedSchema.ofService("ranking", "v1",
      List.of(new KeyColumn("driver_id", DataType.INT64)),
      List.of(new ServedFeature("stats", "conv_rate", DataType.FLOAT64, "sv1"),
          new ServedFeature("stats", "vehicle", DataType.STRING, "sv1")));
  private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456Z");
  private static final long T_MICROS = 1_740_824_130_123_456L;
  private static final ServingLogSettings ALL = ServingLogSettings.defaults().withSampleRate(1)
      .withTickInterval(Duration.ofMinutes(10));

  /** Two rows: driver 7 served fully, driver 8 with a stale rate and no vehicle row. */
  private static OnlineFeaturesResponse response(long firstDriver) {
    return new OnlineFeaturesResponse(List.of("driver_id", "conv_rate", "vehicle"), List.of(
        new FeatureVector(List.of(key(firstDriver), key(firstDriver + 1))),
        new FeatureVector(List.of(new FeatureValue(0.5, PRESENT, 100L), new FeatureValue(null, OUTSIDE_MAX_AGE, 50L))),
        new FeatureVector(List.of(new FeatureValue("van", PRESENT, 90L), FeatureValue.notFound()))));
  }

  private static FeatureValue key(long id) {
    return new FeatureValue(id, PRESENT, FeatureValue.NO_EVENT_TIME);
  }

  @Test
  void writesOneEntryPerEntityRowWithValuesStatusesAndTimesOnClose() {
    InMemorySink sink = InMemorySink.recording();
    ServingLogger logger = ServingLogger.start(sink, ALL);

    logger.log(SCHEMA, response(7), T);
    logger.log(SCHEMA, response(20), T.plusSeconds(1));
    logger.close();

    List<ServingLogEntry> entries = sink.entries();
    assertThat(entries).hasSize(4);
    ServingLogEntry first = entries.get(0);
    ServingLogEntry second = entries.get(1);
    assertThat(first.schema()).isEqualTo(SCHEMA);
    assertThat(first.requestTimeMicros()).isEqualTo(T_MICROS);
    assertThat(first.joinKeys()).containsExactly(7L);
    assertThat(first.values()).containsExactly(new FeatureValue(0.5, PRESENT, 100L), new FeatureValue("van", PRESENT, 90L));
    assertThat(second.row()).isEqualTo(1);
    assertThat(second.joinKeys()).containsExactly(8L);
    assertThat(second.values()).containsExactly(new FeatureValue(null, OUTSIDE_MAX_AGE, 50L), FeatureValue.notFound());
    assertThat(second.requestId()).isEqualTo(first.requestId());
    assertThat(entries.get(2).requestId()).isNotEqualTo(first.requestId());
    assertThat(entries.get(2).requestTimeMicros()).isEqualTo(T_MICROS + 1_000_000);
    assertThat(sink.closed()).isTrue();
    assertThat(logger.stats()).isEqualTo(new ServingLogStats(2, 0, 0, 2, 0, 4));
  }

  @Test
  void logsExactlyTheSampledFractionSpreadEvenly() {
    InMemorySink sink = InMemorySink.recording();
    ServingLogger logger = ServingLogger.start(sink, ALL.withSampleRate(0.25));

    for (int i = 0; i < 100; i++) {
      logger.log(SCHEMA, response(1000 + 2 * i), T);
    }
    logger.close();

    assertThat(logger.stats().logged()).isEqualTo(25);
    assertThat(logger.stats().sampledOut()).isEqualTo(75);
    // Every fourth request: drivers 1006, 1014, ... (request 4 of each four).
    assertThat(sink.entries().stream().filter(e -> e.row() == 0).map(e -> e.joinKeys().get(0)).toList())
        .hasSize(25).startsWith(1006L, 1014L).endsWith(1198L);
  }

  @Test
  void logsNothingAtTheDefaultRate() {
    InMemorySink sink = InMemorySink.recording();
    ServingLogger logger = ServingLogger.start(sink, ServingLogSettings.defaults());

    for (int i = 0; i < 10; i++) {
      logger.log(SCHEMA, response(i), T);
    }
    logger.close();

    assertThat(sink.entries()).isEmpty();
    assertThat(logger.stats()).isEqualTo(new ServingLogStats(0, 0, 10, 0, 0, 0));
  }

  @Test
  void dropsAndCountsWhenTheQueueIsFullWithoutBlockingTheCaller() throws InterruptedException {
    InMemorySink sink = InMemorySink.blocking();
    ServingLogger logger = ServingLogger.start(sink, ALL.withQueueCapacity(2).withBatchSize(1));

    logger.log(SCHEMA, response(1), T);
    sink.awaitWriter();
    // The writer is held inside the sink with request 1: two fit in the queue, three do not.
    for (int i = 0; i < 5; i++) {
      logger.log(SCHEMA, response(10 + 2 * i), T);
    }
    assertThat(logger.stats().dropped()).isEqualTo(3);
    assertThat(logger.stats().logged()).isEqualTo(3);
    sink.release();
    logger.close();

    assertThat(sink.entries().stream().filter(e -> e.row() == 0).map(e -> e.joinKeys().get(0)))
        .containsExactly(1L, 10L, 12L);
    assertThat(logger.stats()).isEqualTo(new ServingLogStats(3, 3, 0, 3, 0, 6));
  }

  @Test
  void countsSinkFailuresAndKeepsWritingLaterBatches() throws InterruptedException {
    InMemorySink sink = InMemorySink.failing(1);
    ServingLogger logger = ServingLogger.start(sink, ALL.withBatchSize(1));

    logger.log(SCHEMA, response(1), T);
    logger.log(SCHEMA, response(3), T);
    logger.close();

    assertThat(logger.stats().failed()).isEqualTo(1);
    assertThat(logger.stats().written()).isEqualTo(1);
    assertThat(sink.entries()).extracting(e -> e.joinKeys().get(0)).containsExactly(3L, 4L);
  }

  @Test
  void countsAResponseThatDoesNotMatchItsSchemaAsFailed() {
    InMemorySink sink = InMemorySink.recording();
    ServingLogger logger = ServingLogger.start(sink, ALL);
    OnlineFeaturesResponse keysOnly = new OnlineFeaturesResponse(List.of("driver_id"),
        List.of(new FeatureVector(List.of(key(1)))));

    logger.log(SCHEMA, keysOnly, T);
    logger.log(SCHEMA, response(5), T);
    logger.close();

    assertThat(logger.stats()).isEqualTo(new ServingLogStats(2, 0, 0, 1, 1, 2));
    assertThat(sink.entries()).extracting(e -> e.joinKeys().get(0)).containsExactly(5L, 6L);
  }

  @Test
  void dropsRequestsLoggedAfterClose() {
    InMemorySink sink = InMemorySink.recording();
    ServingLogger logger = ServingLogger.start(sink, ALL);
    logger.close();

    logger.log(SCHEMA, response(1), T);
    logger.close();

    assertThat(logger.stats()).isEqualTo(new ServingLogStats(0, 1, 0, 0, 0, 0));
    assertThat(sink.entries()).isEmpty();
  }

  @Test
  void rejectsSettingsOutOfRangeNamingThem() {
    assertThatThrownBy(() -> ServingLogSettings.defaults().withSampleRate(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rate");
    assertThatThrownBy(() -> ServingLogSettings.defaults().withSampleRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rate");
    assertThatThrownBy(() -> ServingLogSettings.defaults().withQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue capacity");
    assertThatThrownBy(() -> ServingLogSettings.defaults().withTickInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick interval");
  }

  @Test
  void rejectsAnEntryWhoseValueIsNotOfTheFeatureType() {
    assertThatThrownBy(() -> new ServingLogEntry(SCHEMA, "r1", 0, 0, List.of(7L),
        List.of(new FeatureValue("0.5", PRESENT, 1L), FeatureValue.notFound())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature stats:conv_rate is float64 but the value is String 0.5");
  }
}
