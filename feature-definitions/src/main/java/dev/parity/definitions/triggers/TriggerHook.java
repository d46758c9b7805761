package dev.parity.definitions.triggers;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a run hands its training set to the user's pipeline (docs/triggers.md, payload schema). */
public sealed interface TriggerHook {
  /** {@code webhook} or {@code command}. */
  String kind();

  /** The hook's fields for the trigger's version hash. */
  Map<String, Object> canonicalForm();

  /**
   * POSTs the payload to {@code url}; signed with HMAC-SHA256 when {@code secretEnv} names an
   * environment variable holding the secret; tried up to {@code attempts} times, waiting
   * {@code backoff}, then twice as long, between tries.
   */
  record Webhook(URI url, Optional<String> secretEnv, int attempts, Duration backoff, Duration timeout)
      implements TriggerHook {
    public Webhook {
      requireNonNull(url, "url is null");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("webhook url must be http or https, got '" + url + "'");
      }
      requireNonNull(secretEnv, "secretEnv is null");
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("attempts must be between 1 and 20, got " + attempts);
      }
      requireNonNull(backoff, "backoff is null");
      requireNonNull(timeout, "timeout is null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    @Override
    public String kind() {
      return "webhook";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("url", url.toString());
      secretEnv.ifPresent(s -> form.put("secret_env", s));
      form.put("attempts", attempts);
      form.put("backoff", backoff.toString());
      form.put("timeout", timeout.toString());
      return form;
    }
  }

  /**
   * Runs {@code command} (program and arguments, no shell) in the repository root with the payload
   * on its standard input; exit code 0 is success; killed after {@code timeout}.
   */
  record Command(List<String> command, Duration timeout) implements TriggerHook {
    public Command {
      command = List.copyOf(requireNonNull(command, "command is null"));
      if (command.isEmpty() || command.get(0).isBlank()) {
        throw new IllegalArgumentException("command is empty");
      }
      requireNonNull(timeout, "timeout is null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    @Override
    public String kind() {
      return "command";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("command", command, "timeout", timeout.toString());
    }
  }
}
