package dev.parity.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.OnlineConfig;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.auth.Role;
import io.dropwizard.configuration.ConfigurationValidationException;
import dev.parity.server.feast.ComputedColumns;
import dev.parity.server.feast.ErrorFormat;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.DataSize;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults of the server configuration and its YAML mapping, with validation errors that say what is wrong. */
class ParityConfigurationTest {
  private final YamlConfigurationFactory<ParityConfiguration> factory =
      new YamlConfigurationFactory<>(ParityConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @Test
  void defaultsServeTheCurrentDirectoryOnLoopbackWithoutAuthentication() throws Exception {
    ParityConfiguration config = factory.build();

    assertThat(config.getRepository()).isEqualTo(".");
    assertThat(config.getMaxEntityRows()).isEqualTo(1000);
    assertThat(config.getMaxRequestSize()).isEqualTo(DataSize.mebibytes(16));
    assertThat(config.getAuth().enabled()).isFalse();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
    HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
    assertThat(application.getBindHost()).isEqualTo("127.0.0.1");
    assertThat(application.getPort()).isEqualTo(6566);
    assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
    assertThat(admin.getPort()).isEqualTo(6567);
    assertThat(BindAddresses.exposed(server)).isEmpty();
    var redis = config.getRedis().connection(OnlineConfig.redis("redis://127.0.0.1:6379"));
    assertThat(redis.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(redis.socketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(redis.poolSize()).isEqualTo(16);
    assertThat(config.getRedis().getNearCache().isEnabled()).isFalse();
    assertThat(config.getAuth().isOpenHealthChecks()).isFalse();
    assertThat(config.getPaths().getAllowed()).isEmpty();
  }

  @Test
  void theQuietRequestLogIsATypeOfTheServerSection() throws Exception {
    ParityConfiguration config = parse("""
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 6566}]
          requestLog: {type: parity, skipPaths: [/api/get-online-features]}
        """);

    var requestLog = ((DefaultServerFactory) config.getServerFactory()).getRequestLogFactory();
    assertThat(requestLog).isInstanceOf(LookupQuietRequestLogFactory.class);
    assertThat(((LookupQuietRequestLogFactory) requestLog).getSkipPaths()).containsExactly("/api/get-online-features");
  }

  @Test
  void mapsEverySectionFromYaml() throws Exception {
    ParityConfiguration config = parse("""
        repository: /srv/features
        registryUrl: jdbc:postgresql://db:5432/parity
        redisUrl: redis://r1:7000,redis://r2:7000
        maxEntityRows: 50
        maxRequestSize: 2MiB
        redis: {connectTimeout: 2s, socketTimeout: 100ms, poolSize: 4, poolWait: 50ms,
                nearCache: {enabled: true, maximumSize: 10, expireAfterWrite: 5s}}
        auth:
          tokens:
            - {name: scorer, token: abcdefghijklmnopq, roles: [reader]}
            - {token: qrstuvwxyzabcdefg, roles: [writer, admin]}
          openHealthChecks: true
        paths: {allowed: [/data/shared, exports]}
        """);

    assertThat(config.repositoryPath()).hasToString("/srv/features");
    assertThat(config.getMaxEntityRows()).isEqualTo(50);
    assertThat(config.getMaxRequestSize().toBytes()).isEqualTo(2 << 20);
    var redis = config.getRedis().connection(OnlineConfig.cluster(List.of("redis://r1:7000", "redis://r2:7000")));
    assertThat(redis.cluster()).isTrue();
    assertThat(redis.socketTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(redis.poolSize()).isEqualTo(4);
    assertThat(config.getRedis().getNearCache().isEnabled()).isTrue();
    assertThat(config.getAuth().getTokens()).extracting(t -> t.getRoles())
        .containsExactly(Set.of(Role.READER), Set.of(Role.WRITER, Role.ADMIN));
    assertThat(config.getAuth().getTokens().get(0).getName()).isEqualTo("scorer");
    assertThat(config.getAuth().isOpenHealthChecks()).isTrue();
    assertThat(config.getPaths().getAllowed()).containsExactly("/data/shared", "exports");
    // The environment wins over the file.
    assertThat(config.repositoryEnvironment(Map.of("PARITY_REDIS_URL", "redis://env:1")))
        .containsEntry("PARITY_REDIS_URL", "redis://env:1")
        .containsEntry("PARITY_REGISTRY_URL", "jdbc:postgresql://db:5432/parity");
  }

  @Test
  void anAdminConnectorBeyondLoopbackIsExposedToo() throws Exception {
    ParityConfiguration config = parse("""
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 6566}]
          adminConnectors: [{type: http, bindHost: 0.0.0.0, port: 6567}]
        """);

    assertThat(BindAddresses.exposed(config.getServerFactory())).containsExactly("0.0.0.0:6567 (admin)");
    assertThat(BindAddresses.exposed(parse("server: {type: simple, connector: {type: http, port: 6566}}\n")
        .getServerFactory())).containsExactly("0.0.0.0:6566");
  }

  @Test
  void rejectsInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> parse("maxEntityRows: 0\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("maxEntityRows");
    assertThatThrownBy(() -> parse("auth: {tokens: [{token: short, roles: [reader]}]}\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("at least 16 characters");
    assertThatThrownBy(() -> parse("auth: {tokens: [{token: abcdefghijklmnopq, roles: [root]}]}\n"))
        .hasMessageContaining("unknown role 'root'");
    assertThatThrownBy(() -> parse("maxRequestSize: 100 bytes\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("maxRequestSize");
    assertThatThrownBy(() -> parse("maxRequestSize: 2GiB\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("maxRequestSize");
    assertThatThrownBy(() -> parse("redis: {socketTimeout: 0s}\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("socketTimeout");
  }

  @Test
  void theFeastSectionDefaultsToParitysErrorsAndCheckedComputedColumnsAndMapsFromYaml() throws Exception {
    ParityConfiguration defaults = factory.build();
    assertThat(defaults.getFeast().getErrorFormat()).isEqualTo(ErrorFormat.PARITY);
    assertThat(defaults.getFeast().getComputedColumns()).isEqualTo(ComputedColumns.CHECK);
    assertThat(defaults.getFeast().getPushSources()).isEmpty();

    ParityConfiguration config = parse("feast: {errorFormat: FEAST, computedColumns: recompute, "
        + "pushSources: {driver_stats_push: driver_stats}}\n");

    assertThat(config.getFeast().getErrorFormat()).isEqualTo(ErrorFormat.FEAST);
    assertThat(config.getFeast().getComputedColumns()).isEqualTo(ComputedColumns.RECOMPUTE);
    assertThat(config.getFeast().getPushSources()).containsEntry("driver_stats_push", "driver_stats");
    assertThatThrownBy(() -> parse("feast: {errorFormat: xml}\n")).hasMessageContaining("errorFormat");
    assertThatThrownBy(() -> parse("feast: {computedColumns: trust}\n")).hasMessageContaining("computedColumns");
  }

  private ParityConfiguration parse(String yaml) throws Exception {
    return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "server.yml");
  }

}
