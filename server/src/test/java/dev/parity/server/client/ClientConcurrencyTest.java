package dev.parity.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureValue;
import dev.parity.client.HttpImplementation;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.server.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One client shared by 64 threads making 1,000 lookups each against the real server: every
 * answer is the one a lone lookup of the same driver gets (values, statuses, event times), and
 * the client's connections stay within their bound; over both HTTP implementations.
 */
class ClientConcurrencyTest {
  private static final int THREADS = 64;
  private static final int CALLS = 1_000;
  private static final List<Long> DRIVERS = List.of(1001L, 1002L, 1003L, 1004L);

  @ParameterizedTest
  @EnumSource(HttpImplementation.class)
  void sixtyFourThreadsOfAThousandLookupsEachGetConsistentAnswers(HttpImplementation http) throws Exception {
    TestServer server = TestServer.shared();
    try (ParityClient client = ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port()).httpImplementation(http)
        .deadline(Duration.ofSeconds(30)).attemptTimeout(Duration.ofSeconds(10)).maxConnections(16).build()) {
      Map<Long, List<String>> expected = DRIVERS.stream().collect(Collectors.toMap(d -> d, d -> describe(lookup(client, d))));
      ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger done = new AtomicInteger();
      CountDownLatch finished = new CountDownLatch(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        Thread thread = new Thread(() -> {
          try {
            for (int i = 0; i < CALLS; i++) {
              long driver = DRIVERS.get((seed + i) % DRIVERS.size());
              List<String> got = describe(lookup(client, driver));
              if (!got.equals(expected.get(driver))) {
                mismatches.add(driver + ": " + got + " != " + expected.get(driver));
              }
              done.incrementAndGet();
            }
          } catch (RuntimeException | Error e) {
            failures.add(e);
          } finally {
            finished.countDown();
          }
        }, "lookup-" + t);
        threads.add(thread);
        thread.start();
      }
      finished.await();

      assertThat(failures).isEmpty();
      assertThat(mismatches).isEmpty();
      assertThat(done.get()).isEqualTo(THREADS * CALLS);
    }
  }

  private static OnlineFeatures lookup(ParityClient client, long driver) {
    return client.features("driver_ranking_v1").entity("driver_id", driver).request("val_to_add", driver % 7).get();
  }

  /** Every value, status and event time of the answer's one row (ages change with time: left out). */
  private static List<String> describe(OnlineFeatures answer) {
    FeatureRow row = answer.row(0);
    List<String> values = new ArrayList<>();
    for (FeatureValue value : row.values()) {
      values.add(value.name() + "=" + value.value() + "/" + value.status() + "/" + value.eventTime().orElse(null));
    }
    return values;
  }
}
