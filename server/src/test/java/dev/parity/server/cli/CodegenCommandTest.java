package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.client.FeatureRow;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.server.app.TestServer;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.InProcessCli.Result;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity codegen}: the generated accessors compile against the client and read what the
 * row's own getters read from a real lookup (server and Redis), and regenerating after a
 * definition change turns the change into a compile error in the code that used the old feature.
 */
class CodegenCommandTest {
  private static final String PACKAGE = "com.example.features";
  /** User code reading trips_log as the double it is in the sample definitions. */
  private static final String USER_CODE = """
      package com.example.app;

      import com.example.features.DriverRankingV1;

      final class Scorer {
        static double score(DriverRankingV1 features) {
          Double tripsLog = features.tripsLog();
          return tripsLog == null ? 0.0 : tripsLog;
        }
      }
      """;

  @TempDir Path temp;

  private static Result run(String... args) {
    return InProcessCli.run(Map.of(), java.time.Clock.systemUTC(), args);
  }

  private static Result codegen(Path repository, String service, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("codegen", "-r", repository.toString(), "--service", service,
        "--package", PACKAGE, "--out", out.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static void succeeded(Result result) {
    assertThat(result.failure()).as(result.err()).isEmpty();
  }

  /** The client's classes, which the generated code compiles against. */
  private static Path clientClasses() {
    try {
      return Path.of(FeatureRow.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles every .java file under {@code sources} into {@code classes}; the errors, empty if it compiled. */
  private static List<Diagnostic<? extends JavaFileObject>> compile(Path sources, Path classes) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(sources)) {
      Files.createDirectories(classes);
      List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).toList();
      List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath",
          clientClasses().toString(), "-d", classes.toString());
      compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(java)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
  }

  /** The value the row's own getter of {@code type} reads for {@code name}. */
  private static Object getter(FeatureRow row, Class<?> type, String name) {
    if (type == Double.class) {
      return row.getDoubleOrNull(name);
    } else if (type == Long.class) {
      return row.getLongOrNull(name);
    } else if (type == String.class) {
      return row.getStringOrNull(name);
    } else if (type == Boolean.class) {
      return row.getBooleanOrNull(name);
    } else if (type == Instant.class) {
      return row.getInstantOrNull(name);
    }
    throw new AssertionError("a component of unexpected type " + type);
  }

  /** Checks that the generated record {@code name} reads each row of {@code answer} as its getters do. */
  private static void assertReadsAsTheGetters(ClassLoader loader, String name, OnlineFeatures answer) throws Exception {
    Class<?> record = loader.loadClass(PACKAGE + "." + name);
    @SuppressWarnings("unchecked")
    List<String> featureNames = (List<String>) record.getField("FEATURE_NAMES").get(null);
    assertThat(answer.featureNames()).containsAll(featureNames);
    List<?> rows = (List<?>) record.getMethod("from", OnlineFeatures.class).invoke(null, answer);
    assertThat(rows).hasSize(answer.rowCount());
    RecordComponent[] components = record.getRecordComponents();
    assertThat(components).hasSameSizeAs(featureNames);
    int present = 0;
    for (int r = 0; r < rows.size(); r++) {
      FeatureRow row = answer.row(r);
      for (int c = 0; c < components.length; c++) {
        Object value = components[c].getAccessor().invoke(rows.get(r));
        assertThat(value).as(name + "." + components[c].getName() + " of row " + r)
            .isEqualTo(getter(row, components[c].getType(), featureNames.get(c)));
        present += value == null ? 0 : 1;
      }
    }
    assertThat(present).as("values read, not only nulls").isGreaterThan(rows.size());
  }

  @Test
  void theGeneratedRecordsCompileAndReadARealLookupAsTheRowsGettersDo() throws Exception {
    TestServer server = TestServer.shared();
    Path sources = temp.resolve("src");
    succeeded(codegen(server.repository, "driver_ranking_v1", sources));
    Result trip = codegen(server.repository, "trip_acceptance_v1", sources);
    succeeded(trip);
    assertThat(trip.out()).startsWith("Wrote " + sources.toAbsolutePath().normalize()
        .resolve("com/example/features/TripAcceptanceV1.java") + ": 10 features of feature service 'trip_acceptance_v1'");

    String ranking = Files.readString(sources.resolve("com/example/features/DriverRankingV1.java"));
    String version = RepositoryVersions.of(server.definitions).version(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1");
    assertThat(ranking)
        .contains("SERVICE_VERSION = \"" + version + "\"")
        .contains("@param convRate feature {@code conv_rate} of feature view {@code driver_hourly_stats}, "
            + "Parity type {@code float64}")
        .contains("@param trips7d feature {@code trips_7d} of feature view {@code driver_activity}, Parity type {@code int64}")
        .contains("@param convPlusVal feature {@code conv_plus_val} of on-demand view {@code driver_adjusted}");
    Path classes = temp.resolve("classes");
    assertThat(compile(sources, classes)).isEmpty();

    try (ParityClient client = ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port())
        .deadline(Duration.ofSeconds(10)).attemptTimeout(Duration.ofSeconds(5)).build();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, FeatureRow.class.getClassLoader())) {
      assertReadsAsTheGetters(loader, "DriverRankingV1", client.features("driver_ranking_v1")
          .entities("driver_id", List.of(1001, 1002, 1003, 1004, 999999)).requestData("val_to_add", List.of(1, 2, 3, 4, 5))
          .get());
      assertReadsAsTheGetters(loader, "TripAcceptanceV1", client.features("trip_acceptance_v1")
          .entities("driver_id", List.of(1001, 1004)).entities("customer_id", List.of(501, 502))
          .requestData("val_to_add", List.of(10, 20)).get());
    }
  }

  @Test
  void aFeatureWhoseTypeChangedIsACompileErrorInTheCodeThatUsedTheOldType() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    Path sources = temp.resolve("src");
    Files.createDirectories(sources.resolve("com/example/app"));
    Files.writeString(sources.resolve("com/example/app/Scorer.java"), USER_CODE);
    succeeded(run("apply", "-r", repo.toString()));
    succeeded(codegen(repo, "driver_ranking_v1", sources));
    assertThat(compile(sources, temp.resolve("before"))).isEmpty();

    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "{ name: trips_log, type: float64, expr: \"log1p(avg_daily_trips)\" }",
        "{ name: trips_log, type: int64, expr: \"avg_daily_trips + 1\" }");
    succeeded(run("apply", "-r", repo.toString()));
    succeeded(codegen(repo, "driver_ranking_v1", sources));

    List<Diagnostic<? extends JavaFileObject>> errors = compile(sources, temp.resolve("after"));
    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.getSource().getName()).endsWith("Scorer.java");
      assertThat(error.getLineNumber()).isEqualTo(7);
      assertThat(error.getMessage(null)).contains("Long").contains("Double");
    });
  }

  @Test
  void aRenamedFeatureIsACompileErrorInTheCodeThatUsedIt() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    Path sources = temp.resolve("src");
    Files.createDirectories(sources.resolve("com/example/app"));
    Files.writeString(sources.resolve("com/example/app/Scorer.java"), USER_CODE);
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "{ name: trips_log, type: float64,",
        "{ name: trips_log1p, type: float64,");
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "driver_hourly_stats: [conv_rate, trips_log]",
        "driver_hourly_stats: [conv_rate, trips_log1p]");
    succeeded(run("apply", "-r", repo.toString()));
    succeeded(codegen(repo, "driver_ranking_v1", sources));

    List<Diagnostic<? extends JavaFileObject>> errors = compile(sources, temp.resolve("classes"));
    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.getSource().getName()).endsWith("Scorer.java");
      assertThat(error.getMessage(null)).contains("tripsLog()");
    });
  }

  @Test
  void theGeneratedRecordDocumentsAndHoldsEachFeaturesDeclaredDefault() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "{ name: conv_rate, type: float64 }",
        "{ name: conv_rate, type: float64, default: 0.5 }");
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS,
        "{ name: max_fare_1d, function: max, column: fare, window: 1d }",
        "{ name: max_fare_1d, function: max, column: fare, window: 1d, default: -1 }");
    succeeded(run("apply", "-r", repo.toString()));
    Path sources = temp.resolve("src");
    succeeded(codegen(repo, "driver_ranking_v1", sources));

    String ranking = Files.readString(sources.resolve("com/example/features/DriverRankingV1.java"));
    assertThat(ranking)
        .contains("result column {@code conv_rate}, declared default <code>0.5</code>")
        .contains("result column {@code max_fare_1d}, declared default <code>-1.0</code>")
        .contains("result column {@code trips_log}, no declared default");
    Path classes = temp.resolve("classes");
    assertThat(compile(sources, classes)).isEmpty();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, FeatureRow.class.getClassLoader())) {
      Class<?> record = loader.loadClass(PACKAGE + ".DriverRankingV1");
      Object defaults = record.getField("DEFAULTS").get(null);
      assertThat(component(record, defaults, "convRate")).isEqualTo(0.5);
      assertThat(component(record, defaults, "maxFare1d")).isEqualTo(-1.0);
      assertThat(component(record, defaults, "tripsLog")).isNull();
      assertThat(component(record, defaults, "trips7d")).isNull();
    }
  }

  @Test
  void aStringDefaultIsWrittenAsAJavaLiteralAndDocumentedWithoutBreakingTheComment() throws Exception {
    String tricky = "a \"quoted\" */ {@code x} \\u0041 \\ caf\u00e9\ttab\nline";
    SelectedFeature vehicleType = new SelectedFeature(new FeatureRef("driver_hourly_stats", "vehicle_type"),
        DataType.STRING, false);
    SelectedFeature trips = new SelectedFeature(new FeatureRef("driver_activity", "trips_7d"), DataType.INT64, false);
    SelectedFeature active = new SelectedFeature(new FeatureRef("driver_activity", "active"), DataType.BOOL, false);
    AccessorSource source = new AccessorSource(PACKAGE, "Tricky", "tricky_v1", "v1", List.of(vehicleType, trips, active),
        false, Map.of(vehicleType.ref(), tricky, trips.ref(), Long.MIN_VALUE, active.ref(), true));
    Path sources = temp.resolve("src");
    Path file = sources.resolve(source.relativePath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, source.render());

    Path classes = temp.resolve("classes");
    assertThat(compile(sources, classes)).isEmpty();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, FeatureRow.class.getClassLoader())) {
      Class<?> record = loader.loadClass(PACKAGE + ".Tricky");
      Object defaults = record.getField("DEFAULTS").get(null);
      assertThat(component(record, defaults, "vehicleType")).isEqualTo(tricky);
      assertThat(component(record, defaults, "trips7d")).isEqualTo(Long.MIN_VALUE);
      assertThat(component(record, defaults, "active")).isEqualTo(true);
    }
  }

  private static Object component(Class<?> record, Object instance, String name) throws Exception {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getName().equals(name)) {
        return component.getAccessor().invoke(instance);
      }
    }
    throw new AssertionError("no component " + name + " in " + record);
  }

  @Test
  void refusesAServiceThatIsNotAppliedAndKeepsTheFileOfTheAppliedOne() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    Path sources = temp.resolve("src");

    Result unregistered = codegen(repo, "driver_ranking_v1", sources);
    assertThat(unregistered.failure()).isPresent();
    assertThat(unregistered.err()).contains("feature service 'driver_ranking_v1' is not registered")
        .contains("parity apply");
    assertThat(sources).doesNotExist();

    succeeded(run("apply", "-r", repo.toString()));
    succeeded(codegen(repo, "driver_ranking_v1", sources));
    Path file = sources.resolve("com/example/features/DriverRankingV1.java");
    String applied = Files.readString(file);
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "ttl: 2d ", "ttl: 3d ");

    Result changed = codegen(repo, "driver_ranking_v1", sources);
    assertThat(changed.err()).contains("feature service 'driver_ranking_v1' differs from its registered version");
    assertThat(Files.readString(file)).isEqualTo(applied);
  }

  @Test
  void refusesPackagesClassesAndServicesThatAreNotJavaNamesWritingNothing() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    succeeded(run("apply", "-r", repo.toString()));
    Path out = temp.resolve("out");

    for (String pkg : List.of("../evil", "com..example", "/etc/cron", "com.example.class", "com/example", "", "com.1x")) {
      Result result = run("codegen", "-r", repo.toString(), "--service", "driver_ranking_v1", "--package", pkg,
          "--out", out.toString());
      assertThat(result.failure()).as(pkg).isPresent();
      assertThat(result.err()).as(pkg).contains("--package '" + pkg + "' is not a Java package name");
    }
    Result badClass = codegen(repo, "driver_ranking_v1", out, "--class", "9Lives");
    assertThat(badClass.err()).contains("--class '9Lives' is not a Java identifier");
    Result unknown = codegen(repo, "driver_ranking", out);
    assertThat(unknown.err()).contains("unknown feature service 'driver_ranking'");
    assertThat(out).doesNotExist();
    assertThat(temp.resolve("evil")).doesNotExist();
  }

  @Test
  void namesComponentsAsJavaDoesAndEscapesWhatJavaReserves() {
    assertThat(AccessorSource.className("driver_ranking_v1")).isEqualTo("DriverRankingV1");
    assertThat(AccessorSource.isIdentifier(AccessorSource.className("_1"))).isFalse();
    assertThat(AccessorSource.componentName("conv_rate")).isEqualTo("convRate");
    assertThat(AccessorSource.componentName("trips_7d")).isEqualTo("trips7d");
    assertThat(AccessorSource.componentName("driver_hourly_stats__conv_rate")).isEqualTo("driverHourlyStatsConvRate");
    assertThat(AccessorSource.componentName("_7d")).isEqualTo("_7d");
    assertThat(AccessorSource.componentName("class")).isEqualTo("class_");
    assertThat(AccessorSource.componentName("from")).isEqualTo("from_");
    assertThat(AccessorSource.componentName("hash_code")).isEqualTo("hashCode_");
  }
}
