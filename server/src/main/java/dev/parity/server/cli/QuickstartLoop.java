package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.ParityException;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerRunDetail;
import dev.parity.server.models.DecisionJson;
import dev.parity.server.models.ModelsText;
import dev.parity.server.models.RefusalJson;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The continuous-training part of the quickstart, watched from outside as an operator would: the
 * server's scheduler fires the {@code new_data} trigger of {@code loop.yaml}; the quickstart waits
 * for what the metadata store records (the trigger seen, then its run finished), asks the server
 * to promote the version the hook registered ({@code POST /models/{name}/aliases/champion}), and
 * prints what it answered. Not thread-safe.
 */
final class QuickstartLoop {
  static final String TRIGGER = "retrain_on_new_stats";
  static final String MODEL = "driver_ranking";
  static final String ALIAS = "champion";
  private static final Duration POLL = Duration.ofMillis(100);
  // Dropwizard's mapper: it reads the Optional fields of the decision records.
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  private final MetadataStore metadata;
  private final String project;

  QuickstartLoop(MetadataStore metadata, String project) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.project = requireNonNull(project, "project is null");
  }

  /**
   * Waits until the server's scheduler has looked at the trigger once: the files it saw then are
   * its baseline, and only files that differ from them fire it.
   */
  void awaitWatching(Duration timeout) {
    await(() -> metadata.triggerState(project, TRIGGER), timeout,
        "the server's scheduler to look at trigger " + TRIGGER);
  }

  /** Waits for the trigger's first run to end, and returns it. */
  TriggerRunDetail awaitRun(Duration timeout) {
    return await(() -> metadata.runs(RunQuery.of(project).withKind(RunKind.TRIGGER).withPage(1, 0)).stream()
        .filter(run -> run.status() != RunStatus.RUNNING).findFirst()
        .flatMap(run -> metadata.triggerRunDetail(run.id())), timeout, "trigger " + TRIGGER + " to fire and its run to end");
  }

  /**
   * Proposes {@code version} for the {@value #ALIAS} alias over HTTP and returns the decision as
   * the CLI prints it; {@code accepted} says whether the gates let it through.
   */
  static Promotion promote(HttpClient http, URI url, String version) {
    HttpRequest request = HttpRequest.newBuilder(url.resolve("/models/" + MODEL + "/aliases/" + ALIAS))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"" + version + "\"}")).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        DecisionJson decision = JSON.readValue(response.body(), DecisionJson.class);
        return new Promotion(decision.accepted(), ModelsText.decision(MODEL, decision));
      }
      if (response.statusCode() == 409) {
        return new Promotion(false, ModelsText.refusal(JSON.readValue(response.body(), RefusalJson.class)));
      }
      throw new ParityException("POST /models/" + MODEL + "/aliases/" + ALIAS + " answered " + response.statusCode()
          + ": " + response.body());
    } catch (IOException e) {
      throw new ParityException("the promotion request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParityException("interrupted while promoting " + MODEL + " " + version, e);
    }
  }

  /** A promotion's outcome and its text. */
  record Promotion(boolean accepted, String text) {
    Promotion {
      requireNonNull(text, "text is null");
    }
  }

  /** Polls {@code condition} until it holds; the quickstart watches another thread's work, so it looks. */
  private static <T> T await(Supplier<Optional<T>> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = condition.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ParityException("waited " + timeout.toSeconds() + " s for " + what + "; see the server's log above");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ParityException("interrupted while waiting for " + what, e);
      }
    }
  }
}
