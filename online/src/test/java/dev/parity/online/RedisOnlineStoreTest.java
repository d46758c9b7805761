package dev.parity.online;

import static dev.parity.online.FeatureValue.Status.NOT_FOUND;
import static dev.parity.online.FeatureValue.Status.NULL_VALUE;
import static dev.parity.online.FeatureValue.Status.OUTSIDE_MAX_AGE;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static dev.parity.online.FeatureValue.Status.VERSION_MISMATCH;
import static dev.parity.online.TestViews.driverRow;
import static dev.parity.online.TestViews.drivers;
import static dev.parity.online.TestViews.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.online.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/** The store's contract, run against a standalone server and a 3-master cluster. */
class RedisOnlineStoreTest {
  // Near the real time: Redis expires keys by its own clock, whatever the store's clock says.
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private final MutableClock clock = new MutableClock(T0);
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  private OnlineStore open(Target target, OnlineStoreSettings settings) {
    OnlineStore store = RedisOnlineStoreFactory.create(target.config(), settings, clock, Ticker.systemTicker());
    opened.add(store);
    return store;
  }

  private OnlineStore open(Target target) {
    return open(target, OnlineStoreSettings.defaults(TestViews.uniqueProject("contract")));
  }

  private static FeatureValue read(OnlineStore store, OnlineView view, long driverId, String feature) {
    return store.read(List.of(EntityRow.of("driver_id", driverId)), List.of(ViewRequest.all(view)))
        .view(0).value(0, feature);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void roundTripsEveryTypeIncludingEdgeValues(Target target) {
    OnlineStore store = open(target);
    OnlineView view = TestViews.allTypes(Duration.ZERO);
    List<List<Object>> rows = List.of(
        Arrays.asList(true, Long.MIN_VALUE, Double.NaN, "", Long.MIN_VALUE),
        Arrays.asList(false, Long.MAX_VALUE, Double.POSITIVE_INFINITY, "naïve ☃ 𝄞 ñ", Long.MAX_VALUE),
        Arrays.asList(true, 0L, Double.NEGATIVE_INFINITY, "x".repeat(300), 0L),
        Arrays.asList(false, -1L, -0.0, "tab\tnewline\n\u0000zero", -1L),
        Arrays.asList(true, 42L, Double.MIN_VALUE, "{hash}tag}", 1_767_225_600_000_000L),
        Arrays.asList(null, null, null, null, null));
    List<OnlineRow> written = new ArrayList<>();
    List<EntityRow> entities = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String name = i % 2 == 0 ? "entity-" + i : "é{" + i + "}";
      written.add(new OnlineRow(List.of(name, (long) i), micros(T0), micros(T0) + i, rows.get(i)));
      entities.add(new EntityRow(Map.of("name", name, "day", (long) i)));
    }
    entities.add(new EntityRow(Map.of("name", "never written", "day", 0L)));
    assertThat(store.write(view, written)).isEqualTo(new WriteResult(rows.size(), 0));

    ViewResult result = store.read(entities, List.of(ViewRequest.all(view))).view(0);

    for (int r = 0; r < rows.size(); r++) {
      for (int f = 0; f < view.features().size(); f++) {
        Object expected = rows.get(r).get(f);
        FeatureValue actual = result.value(r, f);
        assertThat(actual.status()).as("row %d feature %d", r, f).isEqualTo(expected == null ? NULL_VALUE : PRESENT);
        assertThat(actual.eventTimeMicros()).isEqualTo(micros(T0));
        if (expected instanceof Double d) {
          assertThat(Double.doubleToRawLongBits((Double) actual.value())).as("row %d", r)
              .isEqualTo(Double.doubleToRawLongBits(d));
        } else {
          assertThat(actual.value()).as("row %d feature %d", r, f).isEqualTo(expected);
        }
      }
    }
    assertThat(result.values().get(rows.size())).allSatisfy(value -> {
      assertThat(value.status()).isEqualTo(NOT_FOUND);
      assertThat(value.value()).isNull();
      assertThat(value.eventTimeMicros()).isEqualTo(FeatureValue.NO_EVENT_TIME);
    });
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void olderEventTimeNeverOverwritesNewerAndTiesBreakOnCreatedTime(Target target) {
    OnlineStore store = open(target);
    OnlineView view = drivers("v1", Duration.ZERO);
    long t = micros(T0);
    assertThat(store.write(view, List.of(driverRow(1, t, 5, 0.5, 5L)))).isEqualTo(new WriteResult(1, 0));
    assertThat(store.write(view, List.of(driverRow(1, t - 1, 9, 0.1, 1L)))).isEqualTo(new WriteResult(0, 1));
    assertThat(read(store, view, 1, "trips").value()).isEqualTo(5L);

    assertThat(store.write(view, List.of(driverRow(1, t, 4, 0.4, 4L)))).isEqualTo(new WriteResult(0, 1));
    assertThat(store.write(view, List.of(driverRow(1, t, 6, 0.6, 6L)))).isEqualTo(new WriteResult(1, 0));
    assertThat(read(store, view, 1, "trips").value()).isEqualTo(6L);

    assertThat(store.write(view, List.of(driverRow(1, t, 6, 0.6, 6L)))).isEqualTo(new WriteResult(0, 1));
    assertThat(store.write(view, List.of(driverRow(1, t + 1, OnlineRow.NO_CREATED_TIME, null, 7L))))
        .isEqualTo(new WriteResult(1, 0));
    FeatureValue conv = read(store, view, 1, "conv_rate");
    assertThat(conv.status()).isEqualTo(NULL_VALUE);
    assertThat(conv.eventTimeMicros()).isEqualTo(t + 1);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void fullTiesWithDifferentValuesConvergeWhateverTheWriteOrder(Target target) {
    OnlineView view = drivers("v1", Duration.ZERO);
    OnlineRow a = driverRow(7, 100, 10, 1.0, 1L);
    OnlineRow b = driverRow(7, 100, 10, 2.0, 2L);
    OnlineStore first = open(target);
    OnlineStore second = open(target);
    first.write(view, List.of(a));
    first.write(view, List.of(b));
    second.write(view, List.of(b));
    second.write(view, List.of(a));

    assertThat(read(first, view, 7, "trips")).isEqualTo(read(second, view, 7, "trips"));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void reportsOutsideMaxAgeOnlyWhenOlderThanTtlAtReadTime(Target target) {
    OnlineStore store = open(target);
    Duration ttl = Duration.ofHours(2);
    OnlineView view = drivers("v1", ttl);
    store.write(view, List.of(driverRow(1, micros(T0), 0, 0.5, 5L)));

    clock.set(T0.plus(ttl).minusNanos(1000));
    assertThat(read(store, view, 1, "trips").status()).isEqualTo(PRESENT);
    clock.set(T0.plus(ttl));
    assertThat(read(store, view, 1, "trips").status()).as("exactly ttl old is served").isEqualTo(PRESENT);
    clock.set(T0.plus(ttl).plusNanos(999));
    assertThat(read(store, view, 1, "trips").status()).as("clock below microsecond resolution").isEqualTo(PRESENT);
    clock.set(T0.plus(ttl).plusNanos(1000));
    FeatureValue stale = read(store, view, 1, "trips");
    assertThat(stale).isEqualTo(new FeatureValue(null, OUTSIDE_MAX_AGE, micros(T0)));
    clock.set(T0.minus(Duration.ofDays(1)));
    assertThat(read(store, view, 1, "trips").status()).as("event time after now").isEqualTo(PRESENT);

    OnlineView forever = new OnlineView("forever", "v1", Duration.ZERO, view.joinKeys(), view.features());
    store.write(forever, List.of(driverRow(1, 0, 0, 0.5, 5L)));
    clock.set(Instant.parse("2999-01-01T00:00:00Z"));
    assertThat(read(store, forever, 1, "trips").status()).isEqualTo(PRESENT);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void fencesValuesWrittenUnderAnotherVersion(Target target) {
    OnlineStore store = open(target);
    OnlineView v1 = drivers("v1", Duration.ZERO);
    OnlineView v2 = drivers("v2", Duration.ZERO);
    long t = micros(T0);
    store.write(v1, List.of(driverRow(1, t, 0, 0.5, 5L)));

    assertThat(read(store, v2, 1, "trips")).isEqualTo(new FeatureValue(null, VERSION_MISMATCH, t));
    assertThat(store.write(v2, List.of(driverRow(1, t, 0, 0.5, 50L))))
        .as("a new version replaces the stored row even with the same times").isEqualTo(new WriteResult(1, 0));
    assertThat(read(store, v2, 1, "trips").value()).isEqualTo(50L);
    assertThat(read(store, v1, 1, "trips").status()).isEqualTo(VERSION_MISMATCH);

    OnlineView sameVersionOtherSchema = new OnlineView("driver_stats", "v2", Duration.ZERO, v2.joinKeys(),
        List.of(v2.features().get(1), v2.features().get(0)));
    assertThat(read(store, sameVersionOtherSchema, 1, "trips").status()).isEqualTo(VERSION_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void setsRedisExpiryAtEventTimePlusTtlPlusGrace(Target target) {
    String project = TestViews.uniqueProject("expiry");
    OnlineStore store = open(target, OnlineStoreSettings.defaults(project).withExpiryGrace(Duration.ofMinutes(10)));
    Instant event = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    OnlineView expiring = drivers("v1", Duration.ofHours(1));
    OnlineView forever = new OnlineView("forever", "v1", Duration.ZERO, expiring.joinKeys(), expiring.features());
    store.write(expiring, List.of(driverRow(3, micros(event), 0, 0.3, 3L)));
    store.write(forever, List.of(driverRow(3, micros(event), 0, 0.3, 3L)));

    ByteSink sink = new ByteSink();
    byte[] prefix = RedisLayout.projectPrefix(project);
    try (UnifiedJedis raw = target.raw()) {
      byte[] expiringKey = new ViewCodec(prefix, expiring).keyForWrite(sink, List.of(3L), 0);
      byte[] foreverKey = new ViewCodec(prefix, forever).keyForWrite(sink, List.of(3L), 0);
      assertThat(raw.pexpireTime(expiringKey))
          .isEqualTo(event.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(10)).toEpochMilli());
      assertThat(raw.pttl(foreverKey)).as("no expiry").isEqualTo(-1L);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void rejectsUnknownFeaturesMissingKeysAndWrongTypesNamingThem(Target target) {
    OnlineStore store = open(target);
    OnlineView view = drivers("v1", Duration.ZERO);
    List<EntityRow> one = List.of(EntityRow.of("driver_id", 1L));

    assertThatThrownBy(() -> store.read(one, List.of(new ViewRequest(view, List.of("trips", "speed")))))
        .isInstanceOf(OnlineRequestException.class).hasMessageContaining("driver_stats").hasMessageContaining("speed");
    assertThatThrownBy(() -> store.read(List.of(EntityRow.of("driver_id", "1001")), List.of(ViewRequest.all(view))))
        .isInstanceOf(OnlineRequestException.class).hasMessageContaining("driver_id").hasMessageContaining("int64")
        .hasMessageContaining("String 1001");
    assertThatThrownBy(() -> store.read(List.of(EntityRow.of("rider_id", 1L)), List.of(ViewRequest.all(view))))
        .isInstanceOf(OnlineRequestException.class).hasMessageContaining("no value for join key driver_id");
    assertThatThrownBy(() -> store.write(view, List.of(new OnlineRow(List.of(1L), 0, 0, List.of("fast", 1L)))))
        .isInstanceOf(OnlineRequestException.class).hasMessageContaining("driver_stats:conv_rate")
        .hasMessageContaining("row 0");
  }
}
