package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.InProcessCli.Result;
import dev.parity.server.testing.SampleRepository;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity models} and {@code parity lineage} in-process on the registry a running server
 * uses: the same sequence over HTTP and over the CLI gives the same decisions, gate results,
 * records and comparisons; lineage survives later definition changes.
 */
class ModelsCommandTest {
  private static final String WRITER = "writer-token-0123456789";
  private static final String ADMIN = "admin-token-01234567890";
  private static final String GATES = """

      models:
        - name: eta_http
          gates: [auc >= 0.80, auc >= champion - 0.005]
        - name: eta_cli
          gates: [auc >= 0.80, auc >= champion - 0.005]
        - name: churn
          gates: [auc >= 0.80]
      """;

  @TempDir static Path temp;
  static TestServer server;
  static long trainingSet;

  @BeforeAll
  static void start() throws IOException {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config ->
        config.getAuth().setTokens(List.of(new TokenConfig(WRITER, Set.of(Role.WRITER), "pipeline"),
            new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops"))));
    first.close();
    Files.writeString(first.repository.resolve(SampleRepository.DEFINITIONS), GATES, StandardOpenOption.APPEND);
    server = TestServer.restart(first);
    Result built = cli("training-set", "--service", "driver_ranking_v1", "--entities",
        server.repository.resolve("data/entities.parquet").toString(), "--out",
        server.repository.resolve("out/ts.parquet").toString());
    assertThat(built.failure()).as(built.err()).isEmpty();
    Matcher id = Pattern.compile("^Training set (\\d+):").matcher(built.out());
    assertThat(id.find()).as(built.out()).isTrue();
    trainingSet = Long.parseLong(id.group(1));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One step of the sequence, taken over HTTP (status) or the CLI (success), with the JSON answer. */
  private record Outcome(boolean succeeded, JsonNode body) {}

  private interface Front {
    Outcome register(String model, String version, double auc);

    Outcome observe(String model, String version, double auc);

    Outcome promote(String model, String version, String alias);

    Outcome rollback(String model, String alias);

    Outcome show(String model);

    Outcome compare(String model, String... versions);

    Outcome lineage(String model, String version);
  }

  private static final class Http implements Front {
    private static Outcome of(HttpResponse<String> response) {
      return new Outcome(response.statusCode() / 100 == 2, TestServer.json(response));
    }

    @Override
    public Outcome register(String model, String version, double auc) {
      return of(server.post("/models/" + model + "/versions", """
          {"version": "%s", "training_set_id": %d, "artifact_uri": "s3://m/%s", "metrics": {"auc": %s}}"""
          .formatted(version, trainingSet, version, auc), WRITER));
    }

    @Override
    public Outcome observe(String model, String version, double auc) {
      return of(server.post("/models/" + model + "/versions/" + version + "/metrics",
          "{\"metrics\": {\"auc\": " + auc + "}}", WRITER));
    }

    @Override
    public Outcome promote(String model, String version, String alias) {
      return of(server.post("/models/" + model + "/aliases/" + alias, "{\"version\": \"" + version + "\"}", ADMIN));
    }

    @Override
    public Outcome rollback(String model, String alias) {
      return of(server.post("/models/" + model + "/aliases/" + alias + "/rollback", "", ADMIN));
    }

    @Override
    public Outcome show(String model) {
      return of(server.get("/models/" + model, ADMIN));
    }

    @Override
    public Outcome compare(String model, String... versions) {
      return of(server.get("/models/" + model + "/compare?versions=" + String.join(",", versions), ADMIN));
    }

    @Override
    public Outcome lineage(String model, String version) {
      return of(server.get("/models/" + model + "/versions/" + version + "/lineage", ADMIN));
    }
  }

  private static final class Command implements Front {
    private static Outcome of(String... args) {
      List<String> all = new ArrayList<>(List.of(args));
      all.add("--json");
      Result result = cli(all.toArray(String[]::new));
      if (result.failure().isPresent()) {
        // A refusal prints its JSON; every failure prints its reason in one line on stderr.
        Matcher reason = Pattern.compile("^parity [a-z ]+: (.*)\n$").matcher(result.err());
        assertThat(reason.matches()).as(result.err()).isTrue();
        return new Outcome(false, result.out().isBlank()
            ? TestServer.JSON.createObjectNode().put("message", reason.group(1)) : result.json(TestServer.JSON));
      }
      return new Outcome(true, result.json(TestServer.JSON));
    }

    @Override
    public Outcome register(String model, String version, double auc) {
      return of("models", "register", model, version, "--training-set", String.valueOf(trainingSet), "--artifact",
          "s3://m/" + version, "--metric", "auc=" + auc);
    }

    @Override
    public Outcome observe(String model, String version, double auc) {
      return of("models", "metrics", model, version, "--metric", "auc=" + auc);
    }

    @Override
    public Outcome promote(String model, String version, String alias) {
      return of("models", "promote", model, version, "--alias", alias);
    }

    @Override
    public Outcome rollback(String model, String alias) {
      return of("models", "rollback", model, "--alias", alias);
    }

    @Override
    public Outcome show(String model) {
      return of("models", "show", model);
    }

    @Override
    public Outcome compare(String model, String... versions) {
      List<String> args = new ArrayList<>(List.of("models", "compare", model));
      args.addAll(List.of(versions));
      return of(args.toArray(String[]::new));
    }

    @Override
    public Outcome lineage(String model, String version) {
      return of("lineage", "--model", model + ":" + version);
    }
  }

  /** The sequence of a pipeline and an operator; what each step answered, with the model's name, ids and times masked. */
  private static List<String> sequence(Front front, String model) {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(front.register(model, "1", 0.79));
    outcomes.add(front.register(model, "2", 0.85));
    outcomes.add(front.register(model, "3", 0.84));
    outcomes.add(front.register(model, "3", 0.99)); // refused: versions are immutable
    outcomes.add(front.promote(model, "1", "champion")); // refused by the value threshold
    outcomes.add(front.promote(model, "2", "champion"));
    outcomes.add(front.promote(model, "3", "challenger")); // refused by the change threshold
    outcomes.add(front.observe(model, "3", 0.86));
    outcomes.add(front.promote(model, "3", "champion"));
    outcomes.add(front.rollback(model, "champion"));
    outcomes.add(front.rollback(model, "champion")); // refused: 2 was the first champion
    outcomes.add(front.promote(model, "9", "champion")); // no such version
    outcomes.add(front.show(model));
    outcomes.add(front.compare(model, "3", "2"));
    outcomes.add(front.lineage(model, "2"));
    return outcomes.stream().map(o -> o.succeeded() + " " + masked(o.body(), model)).toList();
  }

  /** The body with what differs by front or run masked: the model's name, ids, times and who decided. */
  private static String masked(JsonNode body, String model) {
    JsonNode copy = body.deepCopy();
    mask(copy);
    return copy.toString().replace(model, "MODEL");
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      // HTTP's error bodies carry the status; the CLI's exit code stands for it.
      object.remove("code");
      for (String field : iterable(object.fieldNames())) {
        if (Set.of("id", "decision_id", "registered_at", "decided_at", "observed_at", "principal").contains(field)
            && !object.get(field).isContainerNode()) {
          object.put(field, "*");
        } else {
          mask(object.get(field));
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(ModelsCommandTest::mask);
    }
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void theCliAndHttpGiveTheSameDecisionsGateResultsRecordsAndComparisons() {
    List<String> overHttp = sequence(new Http(), "eta_http");
    List<String> overCli = sequence(new Command(), "eta_cli");

    assertThat(overCli).containsExactlyElementsOf(overHttp);
    assertThat(overHttp).extracting(o -> o.startsWith("true")).containsExactly(true, true, true, false, false, true,
        false, true, true, true, false, false, true, true, true);
    // The refusals carry their failed gates over both fronts.
    assertThat(overCli.get(4)).contains("\"failed_gates\":[{\"gate\":\"auc >= 0.8\",\"passed\":false");
    assertThat(overCli.get(6)).contains("\"gate\":\"auc >= champion - 0.005\",\"passed\":false");
    // The comparison names the training set and its data range.
    assertThat(overCli.get(13)).contains("\"training_set\":{\"id\":\"*\"", "\"events_from\":\"20");
  }

  @Test
  void aRefusedPromotionPrintsItsGatesAndFailsWhileTheCliMayMoveAProtectedAlias() {
    cli("models", "register", "churn", "1", "--training-set", String.valueOf(trainingSet), "--metric", "auc=0.7");
    cli("models", "register", "churn", "2", "--training-set", String.valueOf(trainingSet), "--metric", "auc=0.9");
    // champion is protected by default: a writer token is refused over HTTP, the CLI (the
    // registry's owner) is not.
    HttpResponse<String> forbidden = server.post("/models/churn/aliases/champion", "{\"version\": \"2\"}", WRITER);
    assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);

    Result refused = cli("models", "promote", "churn", "1", "--alias", "champion");
    assertThat(refused.failure()).isPresent();
    assertThat(refused.out()).startsWith("Refused: model churn version 1 may not take alias 'champion': ")
        .endsWith("\n  FAIL  auc >= 0.8  (auc = 0.7 not >= 0.8)\n");
    assertThat(refused.err()).isEqualTo("parity models promote: model churn version 1 may not take alias 'champion': "
        + "auc >= 0.8 failed (auc = 0.7 not >= 0.8)\n");

    Result promoted = cli("models", "promote", "churn", "2", "--alias", "champion");
    assertThat(promoted.failure()).as(promoted.err()).isEmpty();
    assertThat(promoted.out()).startsWith("Promoted model churn version 2 to alias 'champion' (held by no version "
        + "before); decision ").contains(" by " + ModelsCommand.principal() + " at ");

    Result text = cli("models", "compare", "churn");
    assertThat(text.out()).contains("metric auc", "0.7", "0.9", "champion").endsWith("* differs between the versions\n");
    assertThat(text.out().lines().filter(l -> l.startsWith("* ")).map(l -> l.split("\\s+")[1]))
        .contains("aliases", "metric").doesNotContain("training", "service", "view");

    assertThat(cli("models", "list", "--json").json(TestServer.JSON)).isEqualTo(TestServer.json(server.get("/models", ADMIN)));
    assertThat(cli("models", "list").out()).contains("churn  versions: 1, 2  aliases: champion -> 2\n");

    Result bad = cli("models", "register", "churn", "3", "--training-set", String.valueOf(trainingSet), "--metric",
        "auc");
    assertThat(bad.failure()).isPresent();
    assertThat(bad.err()).isEqualTo("parity models register: --metric 'auc' is not NAME=VALUE, e.g. --metric auc=0.83\n");
    Result twice = cli("models", "register", "churn", "1", "--training-set", String.valueOf(trainingSet));
    assertThat(twice.err()).isEqualTo("parity models register: model churn version 1 is already registered\n");
  }

  @Test
  void lineageShowsTheDefinitionsAndSourceFilesTheModelWasTrainedOnAfterTheDefinitionsChange() {
    Result registered = cli("models", "register", "ranker", "1", "--training-set", String.valueOf(trainingSet));
    assertThat(registered.failure()).as(registered.err()).isEmpty();
    Result before = cli("lineage", "--model", "ranker:1", "--json");
    JsonNode lineage = before.json(TestServer.JSON);
    String trainedOn = RepositoryVersions.of(load()).version(ObjectKind.FEATURE_VIEW, "driver_hourly_stats");
    assertThat(lineage.get("service").get("name").asText()).isEqualTo("driver_ranking_v1");
    assertThat(lineage.get("views")).anySatisfy(v -> {
      assertThat(v.get("name").asText()).isEqualTo("driver_hourly_stats");
      assertThat(v.get("version").asText()).isEqualTo(trainedOn);
    });
    assertThat(lineage.get("training_set").get("id").asLong()).isEqualTo(trainingSet);
    assertThat(lineage.get("training_set").get("rows").asLong()).isPositive();
    assertThat(lineage.get("training_set").get("events_from").asText()).startsWith("20");
    assertThat(lineage.get("sources")).isNotEmpty().allSatisfy(source -> {
      assertThat(source.get("path").asText()).startsWith("data/");
      assertThat(source.get("files")).isNotEmpty().allSatisfy(file -> {
        assertThat(file.get("path").asText()).startsWith(source.get("path").asText());
        assertThat(Files.size(server.repository.resolve(file.get("path").asText())))
            .isEqualTo(file.get("size_bytes").asLong());
      });
    });

    SampleRepository.edit(server.repository, SampleRepository.DEFINITIONS, "ttl: 2d ", "ttl: 3d ");
    assertThat(cli("apply").failure()).isEmpty();
    assertThat(RepositoryVersions.of(load()).version(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"))
        .isNotEqualTo(trainedOn);

    Result after = cli("lineage", "--model", "ranker:1", "--json");
    assertThat(after.json(TestServer.JSON)).isEqualTo(lineage);
    assertThat(TestServer.json(server.get("/models/ranker/versions/1/lineage", ADMIN))).isEqualTo(lineage);
    Result text = cli("lineage", "--model", "ranker:1");
    assertThat(text.out()).startsWith("Model ranker version 1, registered ")
        .contains("feature_view driver_hourly_stats @ " + trainedOn, "source ", " bytes  modified ");
    Result missing = cli("lineage", "--model", "ranker:7");
    assertThat(missing.err()).isEqualTo("parity lineage: model ranker has no version 7; it has [1]\n");
  }

  private static dev.parity.definitions.FeatureRepository load() {
    return new RepositoryService(new ParquetSchemaResolver(), Map.of(), Clock.systemUTC()).load(server.repository);
  }

  /** Runs a command in-process on the server's repository, as the launcher would. */
  static Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    // -r belongs to the action for models, to the command otherwise.
    all.add(args[0].equals("models") && args.length > 1 ? 2 : 1, "-r");
    all.add(args[0].equals("models") && args.length > 1 ? 3 : 2, server.repository.toString());
    return InProcessCli.run(Map.of(), Clock.systemUTC(), all.toArray(String[]::new));
  }
}
