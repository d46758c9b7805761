package dev.parity.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sends pushes: Feast's body ({@code {"df": {...}, "to": "online"}}) and the server's account. Thread-safe. */
final class Pushes {
  private static final JsonFactory JSON = new JsonFactory();
  private final BatchCalls calls;

  Pushes(BatchCalls calls) {
    this.calls = calls;
  }

  PushRequest request(String source) {
    requireNonNull(source, "source is null");
    if (source.isBlank()) {
      throw new BadRequestException("the source to push to is blank", 0, null);
    }
    return new PushRequest(this, source);
  }

  <T> CompletableFuture<T> async(CompletableFuture<T> call) {
    return calls.async(call);
  }

  CompletableFuture<PushResult> send(String source, Map<String, List<Object>> df, PushTarget target, Duration deadline) {
    String path = "/push/" + URLEncoder.encode(source, StandardCharsets.UTF_8).replace("+", "%20");
    // Online writes are newer-wins, so a repeat changes nothing; an offline append would be made twice.
    boolean idempotent = target == PushTarget.ONLINE;
    return calls.call("push", "POST", path, body(df, target), idempotent, deadline != null ? deadline : calls.timeout(),
        Pushes::result);
  }

  private static byte[] body(Map<String, List<Object>> df, PushTarget target) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeObjectFieldStart("df");
      for (Map.Entry<String, List<Object>> column : df.entrySet()) {
        json.writeArrayFieldStart(column.getKey());
        for (Object value : column.getValue()) {
          JsonValues.write(json, value);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeStringField("to", target.id());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a push into memory", e);
    }
    return bytes.toByteArray();
  }

  static PushResult result(JsonNode json) throws IOException {
    List<PushResult.View> views = new ArrayList<>();
    for (JsonNode view : json.path("views")) {
      views.add(new PushResult.View(view.path("view").asText(), view.path("version").asText(),
          view.path("entities").asLong(), view.path("written").asLong(), view.path("unchanged").asLong()));
    }
    List<PushResult.NotUpdated> notUpdated = new ArrayList<>();
    for (JsonNode view : json.path("not_updated")) {
      notUpdated.add(new PushResult.NotUpdated(view.path("view").asText(), view.path("reason").asText()));
    }
    JsonNode source = json.get("source");
    if (source == null || !source.isTextual() || !json.path("rows").isNumber()) {
      throw new IOException("the push's account lacks \"source\" or \"rows\"");
    }
    return new PushResult(source.textValue(), json.path("rows").asLong(), json.path("to").asText(), views, notUpdated,
        Optional.ofNullable(json.path("offline_file").textValue()), json.path("text").asText());
  }
}
