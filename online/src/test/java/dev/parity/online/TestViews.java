package dev.parity.online;

import dev.parity.definitions.DataType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Views, rows and projects the online tests share. */
final class TestViews {
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  private TestViews() {}

  /** A project name no other test uses, so tests can share servers without cleaning up. */
  static String uniqueProject(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + PROJECTS.incrementAndGet();
  }

  /** driver_id int64 → conv_rate float64, trips int64. */
  static OnlineView drivers(String version, Duration ttl) {
    return new OnlineView("driver_stats", version, ttl,
        List.of(new KeyColumn("driver_id", DataType.INT64)),
        List.of(new FeatureColumn("conv_rate", DataType.FLOAT64), new FeatureColumn("trips", DataType.INT64)));
  }

  /** One feature of every type, keyed by a string and a timestamp. */
  static OnlineView allTypes(Duration ttl) {
    return new OnlineView("all_types", "v1", ttl,
        List.of(new KeyColumn("name", DataType.STRING), new KeyColumn("day", DataType.TIMESTAMP)),
        List.of(new FeatureColumn("b", DataType.BOOL), new FeatureColumn("i", DataType.INT64),
            new FeatureColumn("f", DataType.FLOAT64), new FeatureColumn("s", DataType.STRING),
            new FeatureColumn("t", DataType.TIMESTAMP)));
  }

  static OnlineRow driverRow(long driverId, long eventMicros, long createdMicros, Double convRate, Long trips) {
    return new OnlineRow(List.of(driverId), eventMicros, createdMicros, java.util.Arrays.asList(convRate, trips));
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
