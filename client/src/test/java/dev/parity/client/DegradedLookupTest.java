package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Lookups asked to degrade to the declared defaults when the server cannot be reached, against a
 * transport the test answers and a clock the test moves: what is degraded, what is marked, and
 * what is never masked.
 */
class DegradedLookupTest {
  private static final String A = "http://a.test:6566";
  private static final String DEFAULTS = """
      {"feature_service":"driver_ranking_v1","version":"v1","features":[\
      {"view":"driver_hourly_stats","name":"conv_rate","type":"float64","on_demand":false,"default":0.25},\
      {"view":"driver_hourly_stats","name":"trips","type":"int64","on_demand":false}]}""";
  private static final String TWO_FEATURES = """
      {"metadata":{"feature_names":["driver_id","conv_rate","trips"]},"results":[\
      {"values":[1001],"statuses":["PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z"]},\
      {"values":[0.5],"statuses":["PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z"]},\
      {"values":[7],"statuses":["PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z"]}]}""";

  private final ManualTime time = new ManualTime();
  private final ScriptedTransport transport = new ScriptedTransport();

  private ParityClient client(UnaryOperator<ParityClientBuilder> configure) {
    ParityClientBuilder builder = ParityClient.builder().baseUrl(A).transport(transport).scheduler(time).ticker(time)
        .random(() -> 0).executor(Runnable::run).retryPolicy(RetryPolicy.none())
        .clock(Clock.fixed(Instant.parse("2026-01-31T00:00:00Z"), ZoneOffset.UTC));
    return configure.apply(builder).build();
  }

  private static CompletableFuture<OnlineFeatures> lookup(ParityClient client, boolean degrade) {
    LookupRequest request = client.features("driver_ranking_v1").entity("driver_id", 1001);
    return (degrade ? request.degradeToDefaults() : request).getAsync();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((value, failure) -> failure instanceof CompletionException c ? c.getCause() : failure).join();
  }

  private void refuseEverything() {
    transport.answerAll(sent -> {
      sent.refuse();
      return true;
    });
  }

  @Test
  void withoutDegradingAnUnreachableServerIsAnExceptionEvenWhenDefaultsAreKnown() {
    ParityClient client = client(b -> b.declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));
    refuseEverything();

    assertThat(failure(lookup(client, false))).isInstanceOf(UnavailableException.class);
  }

  @Test
  void aDegradedLookupAnswersTheDeclaredDefaultsMarkedAsClientSideAndLeavesTheOthersMissing() {
    ParityClient client = client(b -> b.declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));
    refuseEverything();

    FeatureRow row = lookup(client, true).join().row(0);

    assertThat(row.featureNames()).containsExactly("driver_id", "conv_rate", "trips");
    assertThat(row.getLong("driver_id")).isEqualTo(1001);
    FeatureValue conv = row.get("conv_rate");
    assertThat(conv.value()).isEqualTo(0.25);
    assertThat(conv.status()).isEqualTo(FeatureStatus.UNAVAILABLE);
    assertThat(conv.isClientDefault()).isTrue();
    assertThat(conv.isDefault()).isTrue();
    assertThat(conv.eventTime()).isEmpty();
    FeatureValue trips = row.get("trips");
    assertThat(trips.value()).isNull();
    assertThat(trips.status()).isEqualTo(FeatureStatus.UNAVAILABLE);
    assertThat(trips.isClientDefault()).isFalse();
    assertThat(row.getLongOrNull("trips")).isNull();
    assertThatThrownBy(() -> row.getLong("trips")).isInstanceOf(FeatureAccessException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void aClientBuiltToDegradeDegradesEveryLookupAndAServerDefaultIsNotAClientOne() {
    ParityClient client = client(b -> b.degradeToDefaults(true).declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));
    refuseEverything();

    assertThat(lookup(client, false).join().row(0).get("conv_rate").isClientDefault()).isTrue();
    FeatureValue fromServer = new FeatureValue("conv_rate", 0.25, FeatureStatus.NOT_FOUND, java.util.Optional.empty(),
        java.util.Optional.empty());
    assertThat(fromServer.isDefault()).isTrue();
    assertThat(fromServer.isClientDefault()).isFalse();
  }

  @Test
  void aLookupPastItsDeadlineOrWithTheCircuitOpenDegradesToo() {
    ParityClient client = client(b -> b.deadline(Duration.ofMillis(100))
        .circuitBreaker(new CircuitBreakerPolicy(1, Duration.ofSeconds(10)))
        .declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));

    CompletableFuture<OnlineFeatures> late = lookup(client, true);
    time.advanceMillis(100);
    assertThat(late.join().row(0).get("conv_rate").isClientDefault()).isTrue();

    // That failure opened the breaker: the next lookup fails fast, and degrades.
    assertThat(failure(lookup(client, false))).isInstanceOf(CircuitOpenException.class);
    assertThat(lookup(client, true).join().row(0).getDouble("conv_rate")).isEqualTo(0.25);
  }

  @Test
  void aRefusalByTheServerIsNeverMaskedByDefaults() {
    ParityClient client = client(b -> b.degradeToDefaults(true).declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));
    transport.answerAll(sent -> {
      int status = sent.body().contains("1001") ? 400 : 401;
      sent.reply(status, Answers.error(status, "refused " + status));
      return true;
    });

    assertThat(failure(lookup(client, true))).isInstanceOf(BadRequestException.class);
    CompletableFuture<OnlineFeatures> unauthorized = client.features("driver_ranking_v1").entity("driver_id", 1002)
        .degradeToDefaults().getAsync();
    assertThat(failure(unauthorized)).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void withNoDefaultsKnownAFeatureListDegradesToMissingValuesAndAServiceStillFails() {
    ParityClient client = client(b -> b);
    refuseEverything();

    FeatureRow row = client.featureList("driver_hourly_stats:conv_rate", "driver_hourly_stats:trips")
        .entity("driver_id", 1001).degradeToDefaults().getAsync().join().row(0);
    assertThat(row.featureNames()).containsExactly("driver_id", "conv_rate", "trips");
    assertThat(row.status("conv_rate")).isEqualTo(FeatureStatus.UNAVAILABLE);
    assertThat(row.getDoubleOrNull("conv_rate")).isNull();
    assertThat(row.get("trips").isDefault()).isFalse();

    // The client cannot even name a service's columns: it says the server is unavailable.
    assertThat(failure(lookup(client, true))).isInstanceOf(UnavailableException.class);
  }

  @Test
  void theClientLearnsTheDefaultsFromTheServerAfterALookupAndRefetchesThemWhenTheColumnsChange() {
    ParityClient client = client(b -> b);
    String[] lookupAnswer = {Answers.ONE_ROW};
    String[] defaults = {DEFAULTS.replace(",\n", ",").replace("""
        ,{"view":"driver_hourly_stats","name":"trips","type":"int64","on_demand":false}""", "")};
    transport.answerAll(sent -> {
      if (sent.spec().method().equals("GET")) {
        assertThat(sent.spec().path()).isEqualTo("/feature-services/driver_ranking_v1/defaults");
        sent.reply(200, defaults[0]);
      } else {
        sent.reply(200, lookupAnswer[0]);
      }
      return true;
    });
    lookup(client, true).join();
    assertThat(transport.sent()).extracting(sent -> sent.spec().operation()).containsExactly("lookup", "defaults");

    // The service gained a feature: the next answer's columns are not those of the defaults known.
    lookupAnswer[0] = TWO_FEATURES;
    defaults[0] = DEFAULTS;
    lookup(client, true).join();
    assertThat(transport.count()).isEqualTo(4);
    lookup(client, true).join();
    assertThat(transport.count()).as("up to date defaults are not fetched again").isEqualTo(5);

    refuseEverything();
    FeatureRow row = lookup(client, true).join().row(0);
    assertThat(row.featureNames()).containsExactly("driver_id", "conv_rate", "trips");
    assertThat(row.get("conv_rate").isClientDefault()).isTrue();
    assertThat(row.status("trips")).isEqualTo(FeatureStatus.UNAVAILABLE);
  }

  @Test
  void fetchDefaultsAtStartupFillsTheCacheAndUnknownServicesAreNotFound() {
    ParityClient client = client(b -> b);
    transport.answerAll(sent -> {
      boolean known = sent.spec().path().contains("driver_ranking_v1");
      sent.reply(known ? 200 : 404, known ? DEFAULTS : Answers.error(404, "no feature service 'nope'"));
      return true;
    });
    DeclaredDefaults fetched = client.fetchDefaults("driver_ranking_v1");
    assertThat(fetched.version()).isEqualTo("v1");
    assertThat(fetched.features()).extracting(DeclaredDefaults.Feature::value).containsExactly(0.25, null);
    assertThatThrownBy(() -> client.fetchDefaults("nope")).isInstanceOf(NotFoundException.class);

    refuseEverything();
    assertThat(lookup(client, true).join().row(0).getDouble("conv_rate")).isEqualTo(0.25);
  }

  @Test
  void defaultsThatAreNotTheServersAnswerAreRefusedAtOnce() {
    assertThatThrownBy(() -> DeclaredDefaults.fromJson("{\"features\": []}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> DeclaredDefaults.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDegradedAnswerHasOneRowPerEntityRowAndFullNamesWhenAsked() {
    ParityClient client = client(b -> b.declaredDefaults(DeclaredDefaults.fromJson(DEFAULTS)));
    refuseEverything();

    OnlineFeatures answer = client.features("driver_ranking_v1").entities("driver_id", List.of(1, 2, 3))
        .fullFeatureNames().degradeToDefaults().getAsync().join();
    assertThat(answer.rowCount()).isEqualTo(3);
    assertThat(answer.featureNames()).containsExactly("driver_id", "driver_hourly_stats__conv_rate",
        "driver_hourly_stats__trips");
    assertThat(answer.row(2).getLong("driver_id")).isEqualTo(3);
    assertThat(answer.row(2).getDouble("driver_hourly_stats:conv_rate")).isEqualTo(0.25);
  }
}
