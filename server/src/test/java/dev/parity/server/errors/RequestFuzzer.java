package dev.parity.server.errors;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests for every endpoint of the application connector, mutated: bodies (see {@link
 * JsonMutations}), query parameters, paths (bad escapes, dot segments, raw bytes, sizes past
 * Jetty's limits), headers (content and accepted types, tokens of each role, none or a wrong
 * one, broken header lines) and framing (chunks, lengths that lie, other HTTP versions and
 * methods). Each request is decided by the {@link Random} it is given, so a seed replays them.
 * Stateless.
 */
final class RequestFuzzer {
  /** Who calls: a token of each role, none, or one the server does not know. */
  enum Caller { READER, WRITER, ADMIN, NONE, WRONG }

  /** An endpoint with a valid request for it: method, target, the role it needs, and its body (or null). */
  record Endpoint(String method, String target, Caller role, String body, int weight) {}

  /** A request as sent: its head (request line and headers, without the blank line) and body. */
  record FuzzRequest(int index, String what, byte[] head, byte[] body, boolean endInput) {}

  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "text/plain", "application/xml", "application/json; charset=latin1", "application/json; charset=bogus",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ";;;", "application/vnd.x+json", "*/*",
      "application/json; charset=\"");
  private static final List<String> ACCEPTS = List.of("text/html", "*/*", "image/png", "", "text/plain;q=0",
      "application/xml", "garbage/;;q=x");
  private static final List<String> BAD_PATHS = List.of("/%zz", "/%", "/push/%E0%A4%A", "/registry/%2e%2e/%2e%2e/x",
      "/a%2Fb", "/jobs/..%2f..%2fx", "//get-online-features", "/get-online-features/", "/get-online-features;x=y",
      "/push/driver_stats%00", "/push/", "/push/driver_stats/extra", "/../../etc/passwd", "/push/../registry/apply",
      "/registry/feature-views/%ff%fe", "/jobs/%C0%AF", "*", "http://127.0.0.1/get-online-features",
      "/%u0041", "/registry//entities", "/.;/registry/entities", "/runs?%", "/runs?limit=%zz", "/jobs/x?wait_seconds=%",
      "/get-online-features?access_token=%zz");
  private static final List<String> BAD_VALUES = List.of("abc", "-1", "31", "99999999999", "1.5", "", "%zz", "0x10",
      "%EF%BC%91", "1e3", "+5", " 5", "%00", "null", "9".repeat(400), "materialization", "FAILED", "nope");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
      "TRACE", "FOO", "post", "G\u00c9T");

  private final List<Endpoint> endpoints;
  private final int totalWeight;
  private final Map<Caller, String> tokens;

  /** @param tokens the bearer token of each caller that has one */
  RequestFuzzer(List<Endpoint> endpoints, Map<Caller, String> tokens) {
    this.endpoints = List.copyOf(endpoints);
    this.totalWeight = endpoints.stream().mapToInt(Endpoint::weight).sum();
    this.tokens = Map.copyOf(requireNonNull(tokens, "tokens is null"));
  }

  FuzzRequest next(int index, Random random) {
    Endpoint endpoint = pick(random);
    List<String> what = new ArrayList<>();
    String method = endpoint.method();
    String target = endpoint.target();
    String version = "HTTP/1.1";
    byte[] body = endpoint.body() == null ? new byte[0] : endpoint.body().getBytes(StandardCharsets.UTF_8);
    String contentType = endpoint.body() == null ? null : "application/json";
    Caller caller = caller(endpoint, random);
    List<String> headers = new ArrayList<>();
    boolean chunked = false;
    boolean endInput = false;
    Integer declaredLength = null;

    int category = random.nextInt(20);
    if (category < 9 && endpoint.body() != null) {
      JsonMutations.Mutated mutated = JsonMutations.mutate(endpoint.body(), random);
      body = mutated.body();
      what.addAll(mutated.done());
    } else if (category < 11) {
      target = query(endpoint.target(), random);
      what.add("query");
    } else if (category < 13) {
      target = random.nextInt(3) == 0 ? endpoint.target() + BAD_PATHS.get(random.nextInt(BAD_PATHS.size()))
          : path(endpoint.target(), random);
      what.add("path");
    } else if (category < 16) {
      switch (random.nextInt(9)) {
        case 0, 1 -> contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
        case 2 -> contentType = null;
        case 3 -> headers.add("Accept: " + ACCEPTS.get(random.nextInt(ACCEPTS.size())));
        case 4 -> headers.add("X-Big: " + "x".repeat(List.of(9_000, 40_000).get(random.nextInt(2))));
        case 5 -> headers.add(List.of("Garbage", ": no name", " folded: line", "Bad\u0001Name: x", "X: caf\u00e9",
            "Content-Length: -1", "Content-Length: abc", "Host: a", "Expect: 100-continue", "Expect: 999-nope",
            "Content-Encoding: gzip", "Content-Encoding: br").get(random.nextInt(12)));
        case 6 -> headers.add(List.of("Authorization: Bearer", "Authorization: Bearer  a b", "Authorization: Basic eDp5",
            "Authorization: Bearer " + "t".repeat(5_000), "Authorization: \u00ff").get(random.nextInt(5)));
        case 7 -> target = target + (target.contains("?") ? "&" : "?") + "access_token="
            + List.of("", "%zz", "nope", tokens.getOrDefault(Caller.ADMIN, "x")).get(random.nextInt(4));
        default -> method = METHODS.get(random.nextInt(METHODS.size()));
      }
      what.add("headers");
    } else if (category < 19) {
      switch (random.nextInt(7)) {
        case 0, 1 -> chunked = true;
        case 2 -> {
          declaredLength = body.length + 1 + random.nextInt(100);
          endInput = true;
        }
        case 3 -> declaredLength = Math.max(0, body.length - 1 - random.nextInt(Math.max(1, body.length)));
        case 4 -> version = List.of("HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1.1", "HTTX/1.1", "").get(random.nextInt(6));
        case 5 -> method = METHODS.get(random.nextInt(METHODS.size()));
        default -> {
          chunked = true;
          endInput = true;
        }
      }
      what.add("framing");
    } else {
      what.add("valid");
    }

    StringBuilder head = new StringBuilder(method).append(' ').append(target);
    if (!version.isEmpty()) {
      head.append(' ').append(version);
    }
    head.append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (tokens.containsKey(caller)) {
      head.append("Authorization: Bearer ").append(tokens.get(caller)).append("\r\n");
    } else if (caller == Caller.WRONG) {
      head.append("Authorization: Bearer not-a-token-of-this-server\r\n");
    }
    headers.forEach(header -> head.append(header).append("\r\n"));
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
      body = chunks(body, random, endInput);
      what.add(endInput ? "chunked, unterminated" : "chunked");
    } else if (body.length > 0 || declaredLength != null || !method.equals("GET")) {
      head.append("Content-Length: ").append(declaredLength != null ? declaredLength : body.length).append("\r\n");
      if (declaredLength != null) {
        what.add("Content-Length " + declaredLength + " for " + body.length + " bytes");
      }
    }
    String line = head.substring(0, head.indexOf("\r\n"));
    String description = "#" + index + " " + caller + " " + (line.length() > 120 ? line.substring(0, 120) + "..." : line)
        + " " + what;
    return new FuzzRequest(index, description, head.toString().getBytes(StandardCharsets.ISO_8859_1), body, endInput);
  }

  private Endpoint pick(Random random) {
    int n = random.nextInt(totalWeight);
    for (Endpoint endpoint : endpoints) {
      n -= endpoint.weight();
      if (n < 0) {
        return endpoint;
      }
    }
    throw new IllegalStateException("weights");
  }

  /** Mostly a token that may call the endpoint, sometimes one of a lesser role, none, or a wrong one. */
  private static Caller caller(Endpoint endpoint, Random random) {
    int n = random.nextInt(20);
    if (n < 10) {
      return endpoint.role();
    }
    return n < 13 ? Caller.ADMIN : n < 15 ? Caller.WRITER : n < 17 ? Caller.READER : n < 19 ? Caller.NONE : Caller.WRONG;
  }

  /** The target with a parameter's value replaced or one added: bad numbers, escapes, raw bytes. */
  private static String query(String target, Random random) {
    String value = BAD_VALUES.get(random.nextInt(BAD_VALUES.size()));
    if (random.nextInt(5) == 0) {
      value = "caf\u00e9 \u0001";
    }
    int question = target.indexOf('?');
    if (question < 0 || random.nextInt(4) == 0) {
      String name = List.of("wait_seconds", "limit", "offset", "kind", "status", "x").get(random.nextInt(6));
      return target + (question < 0 ? "?" : "&") + name + "=" + value;
    }
    String[] params = target.substring(question + 1).split("&");
    int i = random.nextInt(params.length);
    params[i] = params[i].substring(0, params[i].indexOf('=') + 1) + value;
    return target.substring(0, question + 1) + String.join("&", params);
  }

  /** The endpoint's path with a bad escape, a dot segment, a raw byte, or a length past Jetty's limit. */
  private static String path(String target, Random random) {
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String rest = question < 0 ? "" : target.substring(question);
    int at = 1 + random.nextInt(path.length());
    String insert = List.of("%", "%z", "%2e%2e/", "/../", "//", "%00", "\u0000", "\u007f", "\u00ff", " ", "\t", "%2F",
        ";a=b", "#frag", "\\", "x".repeat(10_000), "x".repeat(100_000)).get(random.nextInt(17));
    return path.substring(0, at) + insert + path.substring(at) + rest;
  }

  /** {@code body} in chunks of random sizes, sometimes with a bad size line; without the last chunk if {@code unterminated}. */
  private static byte[] chunks(byte[] body, Random random, boolean unterminated) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, 1 + random.nextInt(4_096));
      String size = random.nextInt(50) == 0 ? List.of("zz", "-1", "ffffffffffffffff", "1;ext=\"", "").get(random.nextInt(5))
          : Integer.toHexString(n);
      out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      at += n;
    }
    if (!unterminated) {
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }
}
