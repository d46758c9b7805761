package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.ParityException;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureValue;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.client.ParityClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The quickstart's online lookups, made twice as services make them: a plain {@code POST
 * /get-online-features} (what {@code curl} sends) and the Java client ({@code parity-client}).
 * Prints the HTTP answer as a table and checks that the client read the same values and statuses.
 */
final class QuickstartLookups {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final ParityClient client;
  private final URI url;
  private final PrintStream out;

  QuickstartLookups(HttpClient http, ParityClient client, URI url, PrintStream out) {
    this.http = requireNonNull(http, "http is null");
    this.client = requireNonNull(client, "client is null");
    this.url = requireNonNull(url, "url is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** The request body: the drivers, {@code val_to_add} 1 for each, features named {@code view__feature}. */
  static String body(String service, List<Long> drivers) {
    return "{\"feature_service\": \"" + service + "\", \"entities\": {\"driver_id\": " + drivers
        + "}, \"request_data\": {\"val_to_add\": " + drivers.stream().map(d -> 1).toList()
        + "}, \"full_feature_names\": true}";
  }

  /**
   * Looks {@code drivers} up both ways and prints the table.
   *
   * @throws ParityException if a lookup fails or the two answers differ
   */
  void run(String service, List<Long> drivers) {
    String body = body(service, drivers);
    out.println("    POST " + url + "/get-online-features " + body);
    JsonNode answer = post(body);
    JsonNode names = answer.path("metadata").path("feature_names");
    JsonNode results = answer.path("results");
    out.printf("    %-9s  %-40s  %-22s  %-15s  %s%n", "driver_id", "feature", "value", "status", "event time");
    for (int row = 0; row < drivers.size(); row++) {
      for (int column = 0; column < names.size(); column++) {
        if (names.get(column).asText().equals("driver_id")) {
          continue;
        }
        JsonNode result = results.get(column);
        String time = result.path("event_timestamps").path(row).asText();
        out.printf("    %-9d  %-40s  %-22s  %-15s  %s%n", drivers.get(row), names.get(column).asText(),
            result.path("values").path(row).asText(), result.path("statuses").path(row).asText(),
            time.startsWith("1970-01-01T00:00:00") ? "-" : time);
      }
    }
    OnlineFeatures viaClient;
    try {
      viaClient = client.features(service).entities("driver_id", drivers)
          .requestData("val_to_add", drivers.stream().map(d -> 1L).toList()).fullFeatureNames().get();
    } catch (ParityClientException e) {
      throw new ParityException("the Java client's lookup failed: " + e.getMessage(), e);
    }
    List<String> differences = differences(names, results, viaClient, drivers.size());
    if (!differences.isEmpty()) {
      throw new ParityException("the Java client and the HTTP answer differ: " + String.join("; ", differences));
    }
    int values = drivers.size() * (names.size() - 1);
    out.printf("    The Java client (ParityClient.features(\"%s\")...get()) read the same %d values and statuses.%n",
        service, values);
  }

  private static List<String> differences(JsonNode names, JsonNode results, OnlineFeatures viaClient, int rows) {
    List<String> differences = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      FeatureRow clientRow = viaClient.row(row);
      for (int column = 0; column < names.size(); column++) {
        String name = names.get(column).asText();
        if (name.equals("driver_id")) {
          continue;
        }
        FeatureValue value = clientRow.get(name);
        JsonNode result = results.get(column);
        String httpValue = result.path("values").path(row).isNull() ? "null" : result.path("values").path(row).asText();
        String httpStatus = result.path("statuses").path(row).asText();
        if (!Objects.equals(String.valueOf(value.value()), httpValue) || !value.status().name().equals(httpStatus)) {
          differences.add("row " + row + " " + name + ": client " + value.value() + " " + value.status() + ", HTTP "
              + httpValue + " " + httpStatus);
        }
      }
    }
    return differences;
  }

  private JsonNode post(String body) {
    HttpRequest request = HttpRequest.newBuilder(url.resolve("/get-online-features"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ParityException("POST /get-online-features answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ParityException("POST /get-online-features failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParityException("interrupted during POST /get-online-features", e);
    }
  }
}
