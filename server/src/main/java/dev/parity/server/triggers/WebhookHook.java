package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.TriggerHook;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the payload as JSON, signed when a secret is configured: {@code X-Parity-Signature:
 * sha256=<hex HMAC-SHA256 of the body>}; {@code X-Parity-Idempotency-Key} is the same on every
 * attempt. A 2xx answer is delivery; a connection failure, timeout, 408, 429 or 5xx is tried again
 * after the backoff (doubling each time) until the attempts are used up; any other 4xx fails at
 * once (the receiver refuses the request itself).
 */
public final class WebhookHook implements Hook {
  static final String SIGNATURE = "X-Parity-Signature";
  static final String IDEMPOTENCY_KEY = "X-Parity-Idempotency-Key";
  static final String ATTEMPT = "X-Parity-Delivery-Attempt";
  // Immutable after construction: writes payload trees only.
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits between attempts; the server's waits for real, tests may wait for nothing. */
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final TriggerHook.Webhook config;
  private final Optional<byte[]> secret;
  private final HttpClient http;
  private final Clock clock;
  private final Pause pause;

  WebhookHook(TriggerHook.Webhook config, Optional<String> secret, HttpClient http, Clock clock, Pause pause) {
    this.config = requireNonNull(config, "config is null");
    this.secret = requireNonNull(secret, "secret is null").map(s -> s.getBytes(StandardCharsets.UTF_8));
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.pause = requireNonNull(pause, "pause is null");
  }

  @Override
  public HookResult deliver(ObjectNode payload, String idempotencyKey) throws InterruptedException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the hook payload", e);
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("kind", "webhook").put("url", config.url().toString())
        .put("signed", secret.isPresent()).put("idempotency_key", idempotencyKey);
    ArrayNode attempts = record.putArray("attempts");
    Duration wait = config.backoff();
    String error = "no attempt made";
    for (int attempt = 1; attempt <= config.attempts(); attempt++) {
      if (attempt > 1) {
        pause.pause(wait);
        wait = wait.multipliedBy(2);
      }
      ObjectNode tried = attempts.addObject().put("attempt", attempt).put("at", clock.instant().toString());
      HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
          .header("Content-Type", "application/json").header(IDEMPOTENCY_KEY, idempotencyKey)
          .header(ATTEMPT, Integer.toString(attempt)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      secret.ifPresent(key -> request.header(SIGNATURE, "sha256=" + sign(key, body)));
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        tried.put("status_code", status);
        if (status / 100 == 2) {
          record.put("status", "delivered");
          return new HookResult(true, record, Optional.empty());
        }
        error = "the webhook answered HTTP " + status + bodyExcerpt(response.body());
        tried.put("error", error);
        if (status / 100 == 4 && status != 408 && status != 429) {
          break;
        }
      } catch (IOException e) {
        error = "the webhook could not be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage());
        tried.put("error", error);
      }
    }
    record.put("status", "failed");
    return new HookResult(false, record, Optional.of(error + " (after " + attempts.size() + " attempt"
        + (attempts.size() == 1 ? ")" : "s)")));
  }

  private static String bodyExcerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().lines().findFirst().orElse("");
    return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
  }

  /** The hex HMAC-SHA256 of {@code body} with {@code key}: what a receiver recomputes to check the signature. */
  static String sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
