package dev.parity.client.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.client.BadRequestException;
import dev.parity.client.FeatureClient;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureStatus;
import dev.parity.client.NotFoundException;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ServerErrorException;
import dev.parity.client.UnavailableException;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.Registry;
import dev.parity.registry.jdbi.FreshConnections;
import dev.parity.registry.jdbi.RegistryDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct client on a real Redis, standalone and Cluster: the answers the lookup code gives
 * for what was written (statuses by age, on-demand values, event times), the refusals as the HTTP
 * client's exception classes, definitions refreshed from the directory, and objects the registry
 * does not have at their version refused as the server refuses them.
 */
class DirectClientTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<AutoCloseable> closing = new ArrayList<>();
  @TempDir
  Path directory;

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private OnlineStore store(SmallRepository repository, RedisConnectionConfig redis) {
    OnlineStore store = RedisOnlineStoreFactory.create(redis, OnlineStoreSettings.defaults(repository.project), clock,
        Ticker.systemTicker());
    closing.add(store);
    return store;
  }

  private DirectClient client(SmallRepository repository, RedisConnectionConfig redis, Registry registry) {
    var builder = DirectClient.builder().repository(repository.root).environment(Map.of()).redis(redis).clock(clock);
    if (registry != null) {
      builder.registry(registry);
    }
    DirectClient client = builder.build();
    closing.add(client);
    return client;
  }

  private static RedisConnectionConfig standalone() {
    return RedisConnectionConfig.standalone(TestRedis.standaloneUrl()).withTimeout(Duration.ofSeconds(5));
  }

  @Test
  void aLookupOverARedisClusterReadsEveryNodeAndComputesOnDemandFeatures() {
    SmallRepository repository = new SmallRepository(directory);
    RedisConnectionConfig cluster = RedisConnectionConfig.cluster(TestRedis.clusterUrls())
        .withTimeout(Duration.ofSeconds(5));
    OnlineStore store = store(repository, cluster);
    // Twenty drivers hash to all three masters' slots.
    LongStream.rangeClosed(1, 20).forEach(d -> repository.writeStats(store, d, NOW.minus(Duration.ofHours(d))));
    // Older than the 1 d ttl, yet kept by Redis for the hour of expiry grace.
    repository.writeStats(store, 21, NOW.minus(Duration.ofDays(1).plusMinutes(30)));
    FeatureClient client = client(repository, cluster, null);

    List<Long> drivers = new ArrayList<>(LongStream.rangeClosed(1, 22).boxed().toList());
    List<Long> bonus = drivers.stream().map(d -> 100 * d).toList();
    OnlineFeatures answer = client.features("ranking_v1").entities("driver_id", drivers).requestData("bonus", bonus)
        .get();

    assertThat(answer.featureNames()).containsExactly("driver_id", "rate", "trips", "rate_plus");
    for (int d = 1; d <= 20; d++) {
      FeatureRow row = answer.row(d - 1);
      assertThat(row.getLong("driver_id")).isEqualTo(d);
      assertThat(row.getDouble("rate")).isEqualTo(d / 8.0);
      assertThat(row.getLong("trips")).isEqualTo(d);
      assertThat(row.getDouble("rate_plus")).isEqualTo(d / 8.0 + 100 * d);
      assertThat(row.eventTime("rate")).contains(NOW.minus(Duration.ofHours(d)));
      assertThat(row.eventTime("rate_plus")).contains(NOW.minus(Duration.ofHours(d)));
    }
    assertThat(answer.row(20).status("rate")).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
    assertThat(answer.row(20).getDoubleOrNull("rate")).isNull();
    assertThat(answer.row(21).status("trips")).isEqualTo(FeatureStatus.NOT_FOUND);
    assertThat(answer.row(21).eventTime("trips")).isEmpty();
    assertThat(answer.row(21).status("rate_plus")).isEqualTo(FeatureStatus.NULL_VALUE);
  }

  @Test
  void refusalsAreTheHttpClientsExceptionClasses() {
    SmallRepository repository = new SmallRepository(directory);
    FeatureClient client = client(repository, standalone(), null);

    assertThatThrownBy(() -> client.features("ranking_v9").entity("driver_id", 1).get())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("ranking_v9");
    assertThatThrownBy(() -> client.featureList("stats:rates").entity("driver_id", 1).get())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("rates");
    assertThatThrownBy(() -> client.features("ranking_v1").entity("driver_id", 1).get())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("bonus");
    assertThatThrownBy(() -> client.features("ranking_v1").entity("driver_id", true).request("bonus", 1).get())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("driver_id");
    assertThatThrownBy(() -> client.features("ranking_v9").entity("driver_id", 1).getAsync().join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void aRedisThatCannotBeReachedIsUnavailable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    SmallRepository repository = new SmallRepository(directory);
    FeatureClient client = client(repository,
        RedisConnectionConfig.standalone("redis://127.0.0.1:" + closed).withTimeout(Duration.ofMillis(500)), null);

    assertThatThrownBy(() -> client.featureList("stats:rate").entity("driver_id", 1).get())
        .isInstanceOf(UnavailableException.class).hasMessageContaining("Redis");
  }

  @Test
  void refreshServesChangedDefinitionsAndKeepsTheOldOnesWhenTheNewDoNotLoad() {
    SmallRepository repository = new SmallRepository(directory);
    OnlineStore store = store(repository, standalone());
    repository.writeStats(store, 7, NOW.minus(Duration.ofHours(1)));
    DirectClient client = client(repository, standalone(), null);
    assertThatThrownBy(() -> client.features("ranking_v2").entity("driver_id", 7).get())
        .isInstanceOf(NotFoundException.class);
    assertThat(client.refresh()).as("nothing changed").isFalse();

    repository.write("definitions.yaml", SmallRepository.DEFINITIONS + SmallRepository.SERVICE + """
          - name: ranking_v2
            features:
              stats: [kind]
        """);
    assertThat(client.refresh()).isTrue();

    assertThat(client.features("ranking_v2").entity("driver_id", 7).get().row(0).getString("kind")).isEqualTo("k7");
    assertThat(client.servedVersions()).containsKey("feature_service/ranking_v2");

    repository.write("definitions.yaml", "feature_views: [ {name: broken} ]\n");
    assertThatThrownBy(client::refresh).isInstanceOf(DefinitionException.class);
    assertThat(client.features("ranking_v2").entity("driver_id", 7).get().row(0).getString("kind")).isEqualTo("k7");
  }

  @Test
  void withARegistryAnObjectNotAppliedAtItsVersionIsRefusedAndTheOthersAreServed() {
    SmallRepository repository = new SmallRepository(directory);
    OnlineStore store = store(repository, standalone());
    repository.writeStats(store, 3, NOW.minus(Duration.ofHours(1)));
    RegistryDatabase database = RegistryDatabase.open("jdbc:h2:mem:" + repository.project + ";DB_CLOSE_DELAY=-1",
        FreshConnections::new);
    closing.add(database);
    Registry registry = database.registry(clock);
    // Everything applied but the service; then the view changes in the directory.
    FeatureRepository definitions = repository.load();
    List<DefinitionRecord> applied = new ArrayList<>();
    RepositoryVersions.of(definitions).objects().forEach((key, object) -> {
      if (!key.name().equals("ranking_v1")) {
        applied.add(new DefinitionRecord(DefinitionKind.valueOf(key.kind().name()), key.name(), object.version(),
            object.canonicalJson()));
      }
    });
    registry.apply(repository.project, 0, applied);
    DirectClient client = client(repository, standalone(), registry);

    assertThat(client.featureList("stats:rate", "adjusted:rate_plus").entity("driver_id", 3).request("bonus", 1).get()
        .row(0).getDouble("rate_plus")).isEqualTo(3 / 8.0 + 1);
    assertThatThrownBy(() -> client.features("ranking_v1").entity("driver_id", 3).request("bonus", 1).get())
        .isInstanceOf(ServerErrorException.class).hasMessageContaining("ranking_v1").hasMessageContaining("not registered");

    repository.write("definitions.yaml", SmallRepository.DEFINITIONS.replace("ttl: 1d", "ttl: 2d") + SmallRepository.SERVICE);
    assertThat(client.refresh()).isTrue();
    assertThatThrownBy(() -> client.featureList("stats:rate").entity("driver_id", 3).get())
        .isInstanceOf(ServerErrorException.class).hasMessageContaining("stats")
        .hasMessageContaining("differs from its registered version");
  }
}
