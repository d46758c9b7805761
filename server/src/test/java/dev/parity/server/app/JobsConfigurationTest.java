package dev.parity.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.servinglog.ServingLogSettings;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.jobs.JobSettings;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The jobs and servingLog sections and the shutdown grace: defaults, YAML mapping, validation, the example file. */
class JobsConfigurationTest {
  private final YamlConfigurationFactory<ParityConfiguration> factory =
      new YamlConfigurationFactory<>(ParityConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  @Test
  void defaultsGiveJobsAndRequestsThirtySecondsAtShutdownAndLeaveTheServingLogOff() throws Exception {
    ParityConfiguration config = factory.build();

    assertThat(config.getJobs().settings())
        .isEqualTo(new JobSettings(2, 16, 100, Duration.ofSeconds(30), Duration.ofSeconds(10)));
    assertThat(((DefaultServerFactory) config.getServerFactory()).getShutdownGracePeriod().toJavaDuration())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(config.getServingLog().isEnabled()).isFalse();
    assertThat(config.getServingLog().settings()).isEqualTo(ServingLogSettings.defaults().withSampleRate(0.01));
    assertThat(config.getServingLog().sinkSettings().maxFileAge()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void mapsTheSectionsFromYaml() throws Exception {
    ParityConfiguration config = parse("""
        jobs: {workers: 4, queueCapacity: 0, retainFinished: 5, shutdownGrace: 2m, interruptWait: 1s}
        servingLog: {enabled: true, sampleRate: 1, queueCapacity: 10, batchSize: 5, tickInterval: 200ms,
                     closeTimeout: 3s, maxRowsPerFile: 100, maxFileAge: 1m}
        server: {shutdownGracePeriod: 5s}
        """);

    assertThat(config.getJobs().settings())
        .isEqualTo(new JobSettings(4, 0, 5, Duration.ofMinutes(2), Duration.ofSeconds(1)));
    assertThat(config.getServingLog().isEnabled()).isTrue();
    assertThat(config.getServingLog().settings())
        .isEqualTo(new ServingLogSettings(1, 10, 5, Duration.ofMillis(200), Duration.ofSeconds(3)));
    assertThat(config.getServingLog().sinkSettings().maxRowsPerFile()).isEqualTo(100);
    assertThat(config.getServingLog().sinkSettings().maxFileAge()).isEqualTo(Duration.ofMinutes(1));
    assertThat(((DefaultServerFactory) config.getServerFactory()).getShutdownGracePeriod().toJavaDuration())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void rejectsInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> parse("servingLog: {sampleRate: 1.5}\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("servingLog.sampleRate");
    assertThatThrownBy(() -> parse("jobs: {workers: 0}\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("jobs.workers");
    assertThatThrownBy(() -> parse("jobs: {shutdownGrace: null}\n"))
        .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("jobs.shutdownGrace");
  }

  @Test
  void theExampleFileIsValidAndStatesTheDefaults() throws Exception {
    ParityConfiguration example = new YamlConfigurationFactory<>(ParityConfiguration.class, Validators.newValidator(),
        Jackson.newObjectMapper(), "dw").build(new FileConfigurationSourceProvider(), "config/server.example.yml");
    ParityConfiguration defaults = factory.build();

    assertThat(example.getJobs().settings()).isEqualTo(defaults.getJobs().settings());
    assertThat(example.getServingLog().settings()).isEqualTo(defaults.getServingLog().settings());
    assertThat(example.getServingLog().sinkSettings()).isEqualTo(defaults.getServingLog().sinkSettings());
    assertThat(example.getMaxEntityRows()).isEqualTo(defaults.getMaxEntityRows());
    assertThat(example.getMaxRequestSize()).isEqualTo(defaults.getMaxRequestSize());
    assertThat(BindAddresses.exposed(example.getServerFactory())).isEmpty();
    var requestLog = ((DefaultServerFactory) example.getServerFactory()).getRequestLogFactory();
    assertThat(requestLog).isInstanceOf(LookupQuietRequestLogFactory.class);
    assertThat(((LookupQuietRequestLogFactory) requestLog).getSkipPaths())
        .isEqualTo(((LookupQuietRequestLogFactory) ((DefaultServerFactory) defaults.getServerFactory())
            .getRequestLogFactory()).getSkipPaths());
  }

  private ParityConfiguration parse(String yaml) throws Exception {
    return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "server.yml");
  }
}
