package dev.parity.bench;

import dev.parity.client.HttpImplementation;
import dev.parity.client.LookupRequest;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.client.ParityClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Lookups through the Java client against a running server (bench/client-lookup.sh): {@code
 * THREADS} threads each making synchronous lookups of {@code ROWS} drivers (1001...), either as
 * fast as they can (closed loop, as {@code wrk -c THREADS} does) or at a fixed total {@code
 * RATE}, each request due at its time and its latency counted from then, so that a stall is not
 * hidden by the requests it delayed. Prints one line: rate, lookups/s and latency percentiles.
 *
 * <pre>
 * ClientLookupBench --url http://127.0.0.1:16566 (--features v:f,... | --service NAME) --rows 1
 *     --threads 8 --seconds 15 [--warmup-seconds 10] [--rate REQUESTS_PER_SECOND] [--label TEXT]
 *     [--executor default|direct] [--http sockets|jdk]
 * </pre>
 */
public final class ClientLookupBench {
  private ClientLookupBench() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> flags = flags(args);
    String url = flags.getOrDefault("url", "http://127.0.0.1:16566");
    int rows = Integer.parseInt(flags.getOrDefault("rows", "1"));
    int threads = Integer.parseInt(flags.getOrDefault("threads", "8"));
    long seconds = Long.parseLong(flags.getOrDefault("seconds", "15"));
    long warmup = Long.parseLong(flags.getOrDefault("warmup-seconds", "0"));
    double rate = Double.parseDouble(flags.getOrDefault("rate", "0"));
    List<Long> drivers = new ArrayList<>();
    for (long d = 1001; d < 1001 + rows; d++) {
      drivers.add(d);
    }
    ParityClientBuilder builder = ParityClient.builder().baseUrl(url).deadline(Duration.ofSeconds(5))
        .attemptTimeout(Duration.ofSeconds(5));
    // The client's HTTP: its own over sockets (the default) or the JDK HttpClient.
    builder.httpImplementation(flags.getOrDefault("http", "sockets").equals("jdk") ? HttpImplementation.JDK_HTTP_CLIENT
        : HttpImplementation.SOCKETS);
    if (flags.getOrDefault("executor", "default").equals("direct")) {
      // HTTP work on the HttpClient's selector thread: one thread handoff less per call.
      builder.executor(Runnable::run);
    }
    try (ParityClient client = builder.build()) {
      Function<ParityClient, LookupRequest> lookup = flags.containsKey("service")
          ? c -> c.features(flags.get("service")).entities("driver_id", drivers)
          : c -> c.featureList(Arrays.asList(flags.get("features").split(","))).entities("driver_id", drivers);
      OnlineFeatures sample = lookup.apply(client).get();
      if (sample.rowCount() != rows) {
        throw new IllegalStateException("expected " + rows + " rows, got " + sample);
      }
      if (warmup > 0) {
        run(client, lookup, threads, warmup, rate);
      }
      LookupLoad.Result result = run(client, lookup, threads, seconds, rate);
      System.out.printf(Locale.ROOT, "%s: %d features x %d rows, %d threads%s: %.0f req/s, %.0f lookups/s, "
              + "%s, errors %d, client CPU %.0f us/req%n",
          flags.getOrDefault("label", "client"), sample.featureNames().size() - 1, rows, threads,
          rate > 0 ? String.format(Locale.ROOT, " at %.0f req/s", rate) : "", result.rate(), result.rate() * rows,
          result.latencyText(), result.errors(), result.cpuMicrosPerCall());
    }
  }

  private static LookupLoad.Result run(ParityClient client, Function<ParityClient, LookupRequest> lookup, int threads,
      long seconds, double rate) throws InterruptedException {
    return LookupLoad.run(() -> lookup.apply(client).get(), threads, seconds, rate);
  }

  static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --flag value, got " + args[i]);
      }
      flags.put(args[i].substring(2), args[i + 1]);
    }
    return flags;
  }
}
