package dev.parity.server.reports;

import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.servinglog.ServingLogSettings;
import dev.parity.online.servinglog.ServingLogger;
import dev.parity.server.app.TestServer;
import dev.parity.server.servinglog.ParquetServingLogSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests served from a test server's online store and written to its serving log the way the
 * server writes it (the same sink, under the repository's offline path), each at a chosen request
 * time, so that reports over a range of the log have known rows.
 */
public final class LoggedRequests {
  /** The service the requests are for. */
  public static final String SERVICE = "driver_ranking_v1";

  private LoggedRequests() {}

  /**
   * Serves {@link #SERVICE} to {@code drivers} in one request at {@code at}, logging each row, and
   * publishes the log file before returning.
   */
  public static void log(TestServer server, Instant at, long... drivers) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    ServingLogger logger = ServingLogger.start(ParquetServingLogSink.create(
        server.definitions.config().offlineDirectory(server.repository), ParquetServingLogSink.Settings.defaults(),
        clock), ServingLogSettings.defaults().withSampleRate(1));
    try {
      List<Object> ids = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (long driver : drivers) {
        ids.add(driver);
        values.add(driver % 7);
      }
      Map<String, List<Object>> entities = new LinkedHashMap<>();
      entities.put("driver_id", ids);
      OnlineFeatureServer.create(server.definitions, server.store, logger, clock)
          .get(OnlineFeaturesRequest.forService(SERVICE, entities).withRequestData(Map.of("val_to_add", values)));
    } finally {
      logger.close(); // commits the file: readers see it whole
    }
  }
}
