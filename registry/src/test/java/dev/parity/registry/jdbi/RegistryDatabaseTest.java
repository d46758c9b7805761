package dev.parity.registry.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.testing.MutableClock;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.HistoryEntry;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryUnavailableException;
import dev.parity.registry.metadata.TriggerVersion;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening registries: URLs, migrations, and clear failures when the database is not there. */
class RegistryDatabaseTest {
  @TempDir
  Path dir;

  private String freshUrl(Backend backend) {
    // H2 as a file here: migrations must persist across opens, as they do for users.
    return backend == Backend.H2 ? "jdbc:h2:file:" + dir.resolve("registry") : backend.freshUrl();
  }

  private static List<String> appliedMigrations(RegistryDatabase db) {
    return db.jdbi().withHandle(handle -> handle.createQuery("SELECT \"version\" FROM \""
        + Migrations.HISTORY_TABLE + "\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
        .mapTo(String.class).list());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void migratesOnceAndOpensAgainWithoutRerunning(Backend backend) {
    String url = freshUrl(backend);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-31T00:00:00Z"));
    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
      db.registry(clock).apply("p", 0, List.of(Definitions.entity("driver")));
    }
    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
      assertThat(Migrations.migrate(db.dataSource(), db.url())).isZero();
      assertThat(db.registry(clock).revision("p")).isEqualTo(1);
    }
  }

  @Test
  void theKnownVersionsAreTheBundledScripts() throws Exception {
    Path scripts = Path.of(Migrations.class.getClassLoader().getResource("db/registry").toURI());
    List<String> versions;
    try (Stream<Path> files = Files.list(scripts)) {
      versions = files.map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .map(name -> name.substring(1, name.indexOf("__")))
          .sorted(Comparator.comparingInt(Integer::parseInt))
          .toList();
    }

    // An up-to-date registry skips Flyway by this list: a new script must be added to it.
    assertThat(Migrations.VERSIONS).isEqualTo(versions);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRegistryOfAnEarlierVersionIsMigratedOnOpen(Backend backend) {
    String url = freshUrl(backend);
    // As an earlier Parity left it: only the first script applied.
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
        .locations("classpath:db/registry").table(Migrations.HISTORY_TABLE).target("1").load().migrate();

    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
      assertThat(db.registry(java.time.Clock.systemUTC()).revision("p")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aVersion2RegistryKeepsItsRunsAndLeavesTheirUnknownOwnersAlone(Backend backend) {
    String url = freshUrl(backend);
    // As Parity left it before runs recorded their process: a run left RUNNING by a crash.
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
        .locations("classpath:db/registry").table(Migrations.HISTORY_TABLE).target("2").load().migrate();
    org.jdbi.v3.core.Jdbi.create(url).useHandle(handle -> handle.execute("INSERT INTO materialization_run (project, "
        + "interval_start, interval_end, status, started_at, rows_read, rows_written, entities, owner_id) VALUES "
        + "('p', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00', "
        + "'RUNNING', TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00', 0, 0, 0, 'old')"));

    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
      MetadataStore metadata = db.metadata(java.time.Clock.systemUTC());
      assertThat(metadata.interruptRunsOfDeadProcesses()).isZero();
      assertThat(metadata.runs(RunQuery.of("p"))).extracting(RunSummary::status).containsExactly(RunStatus.RUNNING);
      // What cannot be judged is still cleared by the explicit recovery.
      assertThat(metadata.interruptAllRuns("recovered")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aVersion8RegistryKeepsItsDefinitionsAndItsRecordedTriggerVersionsBecomeRegistryVersions(Backend backend) {
    String url = freshUrl(backend);
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
        .locations("classpath:db/registry").table(Migrations.HISTORY_TABLE).target("8").load().migrate();
    DefinitionRecord entity = Definitions.entity("driver");
    DefinitionRecord service = Definitions.service("ranking", "stats");
    // As a server before triggers were registered wrote a declaration: keys in declaration order.
    String legacyJson = "{\"name\":\"nightly\",\"kind\":\"cron\",\"service\":\"ranking\"}";
    String canonicalJson = "{\"kind\":\"cron\",\"name\":\"nightly\",\"service\":\"ranking\"}";
    String triggerVersion = Definitions.sha256(canonicalJson);
    String at = "TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00'";
    org.jdbi.v3.core.Jdbi.create(url).useHandle(handle -> {
      handle.execute("INSERT INTO registry_project (name, revision, updated_at) VALUES ('p', 1, " + at + ")");
      for (DefinitionRecord record : List.of(entity, service)) {
        handle.execute("INSERT INTO registry_definition (project, kind, name, version, definition, first_revision) "
            + "VALUES ('p', ?, ?, ?, ?, 1)", record.kind().id(), record.name(), record.version(), record.canonicalJson());
        handle.execute("INSERT INTO registry_change (project, kind, name, revision, version, removed, applied_at) "
            + "VALUES ('p', ?, ?, 1, ?, FALSE, " + at + ")", record.kind().id(), record.name(), record.version());
        handle.execute("INSERT INTO registry_current (project, kind, name, version, revision) VALUES ('p', ?, ?, ?, 1)",
            record.kind().id(), record.name(), record.version());
      }
      handle.execute("INSERT INTO registry_dependency (project, kind, name, version, depends_kind, depends_name) "
          + "VALUES ('p', 'feature_service', 'ranking', ?, 'feature_view', 'stats')", service.version());
      for (String project : List.of("p", "only_fired")) {
        handle.execute("INSERT INTO trigger_definition (project, trigger_name, version, trigger_kind, definition, "
            + "first_seen_at) VALUES (?, 'nightly', ?, 'cron', ?, " + at + ")", project, triggerVersion, legacyJson);
      }
    });

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
      Registry registry = db.registry(clock);
      assertThat(registry.current("p")).containsExactly(entity, service);
      assertThat(registry.history("p", entity.ref())).extracting(HistoryEntry::revision).containsExactly(1L);
      MetadataStore metadata = db.metadata(clock);
      for (String project : List.of("p", "only_fired")) {
        assertThat(metadata.triggerVersions(project, "nightly")).singleElement().satisfies(version -> {
          assertThat(version.version()).isEqualTo(triggerVersion);
          assertThat(version.triggerKind()).isEqualTo("cron");
          assertThat(version.firstSeenAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        });
      }
      assertThat(registry.revision("only_fired")).isZero();
      assertThat(registry.current("only_fired")).isEmpty();

      // Applying that declaration registers the recorded version; its text becomes the canonical one.
      DefinitionRecord trigger = Definitions.record(DefinitionKind.TRIGGER, "nightly", canonicalJson,
          service.ref());
      registry.apply("p", 1, List.of(entity, service, trigger));
      assertThat(registry.current("p", trigger.ref())).contains(trigger);
      assertThat(metadata.triggerVersions("p", "nightly")).extracting(TriggerVersion::version)
          .containsExactly(triggerVersion);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentOpensOfAFreshDatabaseMigrateItOnce(Backend backend) throws Exception {
    String url = freshUrl(backend);
    int processes = 3;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(processes);
    List<Future<RegistryDatabase>> opened = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        opened.add(pool.submit(() -> {
          start.await();
          return RegistryDatabase.open(url, PooledConnections::new);
        }));
      }
      start.countDown();
      List<RegistryDatabase> databases = new ArrayList<>();
      try {
        for (Future<RegistryDatabase> future : opened) {
          databases.add(future.get(120, TimeUnit.SECONDS));
        }
        for (RegistryDatabase db : databases) {
          assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.VERSIONS);
        }
        assertThat(databases.get(0).registry(java.time.Clock.systemUTC()).revision("p")).isZero();
      } finally {
        databases.forEach(RegistryDatabase::close);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolvesARelativeH2PathAgainstTheRepositoryDirectory() {
    try (RegistryDatabase db = RegistryDatabase.open("jdbc:h2:file:./.parity/registry", dir, PooledConnections::new)) {
      assertThat(db.url()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve(".parity/registry"));
    }
    assertThat(Files.exists(dir.resolve(".parity/registry.mv.db"))).isTrue();
  }

  @Test
  void rewritesOnlyRelativeH2FilePaths() {
    Path base = Path.of("/repo");
    assertThat(RegistryUrls.resolve("jdbc:h2:file:./.parity/registry;MODE=PostgreSQL", base))
        .isEqualTo("jdbc:h2:file:/repo/.parity/registry;MODE=PostgreSQL");
    assertThat(RegistryUrls.resolve("jdbc:h2:./data/reg", base)).isEqualTo("jdbc:h2:file:/repo/data/reg");
    assertThat(RegistryUrls.resolve("jdbc:h2:file:/abs/reg", base)).isEqualTo("jdbc:h2:file:/abs/reg");
    assertThat(RegistryUrls.resolve("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", base)).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
    assertThat(RegistryUrls.resolve("jdbc:h2:~/reg", base)).isEqualTo("jdbc:h2:~/reg");
    assertThat(RegistryUrls.resolve("jdbc:postgresql://h:5432/db", base)).isEqualTo("jdbc:postgresql://h:5432/db");
  }

  @Test
  void masksPasswordsInUrls() {
    assertThat(RegistryUrls.mask("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
    assertThat(RegistryUrls.mask("jdbc:postgresql://u:s3cret@h/db")).isEqualTo("jdbc:postgresql://u:***@h/db");
    assertThat(RegistryUrls.mask("jdbc:h2:file:/x;USER=sa;PASSWORD=s3cret")).isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***");
  }

  @Test
  void reportsAClosedPostgresPortQuicklyNamingTheUrlWithoutItsPassword() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/registry?user=parity&password=s3cret";
    long started = System.nanoTime();

    assertThatThrownBy(() -> RegistryDatabase.open(url, PooledConnections::new))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageStartingWith("registry jdbc:postgresql://127.0.0.1:" + port + "/registry?user=parity&password=*** "
            + "is unavailable: ")
        .hasMessageNotContaining("s3cret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void reportsAnH2FileThatCannotBeCreated() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    String url = "jdbc:h2:file:" + notADirectory.resolve("registry");

    assertThatThrownBy(() -> RegistryDatabase.open(url, PooledConnections::new))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageStartingWith("registry " + url + " is unavailable: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void rejectsAnUnsupportedUrl() {
    assertThatThrownBy(() -> RegistryDatabase.open("jdbc:mysql://h/db?password=pw", PooledConnections::new))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("registry jdbc:mysql://h/db?password=*** is unavailable: unsupported URL "
            + "(use jdbc:h2:file:PATH, jdbc:h2:mem:NAME or jdbc:postgresql://HOST:PORT/DB)");
  }
}
