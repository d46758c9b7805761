package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.TriggerHook;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the hook a trigger declares. A webhook's secret is read from the environment variable the
 * definition names when the hook is delivered (definitions never hold secrets); a named variable
 * that is not set fails the hook rather than sending an unsigned request.
 */
public final class Hooks {
  private final Map<String, String> environment;
  private final HttpClient http;
  private final Clock clock;
  private final WebhookHook.Pause pause;

  /**
   * @param environment where a webhook's {@code secret_env} is read
   * @param pause how to wait between webhook attempts ({@link #sleep} outside tests)
   */
  public Hooks(Map<String, String> environment, Clock clock, WebhookHook.Pause pause) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
    this.pause = requireNonNull(pause, "pause is null");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Waits for real: the server's and the CLI's pause between webhook attempts. */
  public static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  /**
   * Delivers {@code payload} through the hook {@code config} declares (run in {@code repositoryRoot}
   * for a command): the trigger runs' hooks, also used for other events such as a model's
   * promotion. A secret variable that is not set is a failed delivery, never an unsigned one.
   *
   * @throws InterruptedException if the thread was interrupted (the server is stopping)
   */
  public HookResult deliver(TriggerHook config, Path repositoryRoot, ObjectNode payload, String idempotencyKey)
      throws InterruptedException {
    Hook hook;
    try {
      hook = create(config, repositoryRoot);
    } catch (IllegalStateException e) {
      return new HookResult(false, JsonNodeFactory.instance.objectNode().put("kind", config.kind())
          .put("status", "failed"), Optional.of(e.getMessage()));
    }
    return hook.deliver(payload, idempotencyKey);
  }

  /**
   * The hook for {@code config}, run in {@code repositoryRoot} for a command.
   *
   * @throws IllegalStateException if the webhook's secret variable is not set
   */
  Hook create(TriggerHook config, Path repositoryRoot) {
    if (config instanceof TriggerHook.Webhook webhook) {
      Optional<String> secret = webhook.secretEnv().map(name -> Optional.ofNullable(environment.get(name))
          .filter(value -> !value.isEmpty())
          .orElseThrow(() -> new IllegalStateException("the webhook's secret variable " + name + " is not set")));
      return new WebhookHook(webhook, secret, http, clock, pause);
    }
    return new CommandHook((TriggerHook.Command) config, repositoryRoot);
  }
}
