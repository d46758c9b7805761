package dev.parity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import io.dropwizard.util.DataSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maxRequestSize} on every endpoint of both connectors: a larger body is 413 JSON before
 * it is read, whether its length is declared or it comes in chunks. Before the limit, {@code /push}
 * read a 120 MiB body to its end and wrote a 17 MiB string to Redis.
 */
class RequestSizeLimitTest {
  private static final int LIMIT = 64 << 10;
  /** A refusal that waited for the whole body would not come in this time (the body never comes). */
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** Endpoints that read a body. */
  private static final List<String> READING = List.of("/push/driver_stats", "/get-online-features", "/materialize",
      "/jobs/materialize", "/jobs/training-set");

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(),
        config -> config.setMaxRequestSize(DataSize.kibibytes(LIMIT >> 10)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBodyDeclaredLargerIs413BeforeItIsSent() {
    // Also where nothing reads a body: the limit is the server's, in front of every endpoint.
    for (String path : Stream.concat(READING.stream(), Stream.of("/registry/apply", "/no/such/path")).toList()) {
      // 120 MiB announced, one byte sent: the answer cannot wait for the rest.
      RawHttp.Response response = RawHttp.exchange(server.port(), ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + (120L << 20) + "\r\n")
          .getBytes(StandardCharsets.US_ASCII), "{".getBytes(StandardCharsets.US_ASCII), TIMEOUT);

      assertRefused(response, path);
    }
    RawHttp.Response admin = RawHttp.exchange(server.adminPort(), ("POST /tasks/gc HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: " + (LIMIT + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0], TIMEOUT);
    assertRefused(admin, "admin /tasks/gc");
  }

  @Test
  void aChunkedBodyIs413OnceItPassesTheLimit() {
    for (String path : READING) {
      // Whitespace is valid JSON to any reader, so only the size can stop it; and it never ends.
      RawHttp.Response response = RawHttp.streaming(server.port(), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", RequestSizeLimitTest::endlessChunks, TIMEOUT);

      assertRefused(response, path);
    }
  }

  @Test
  void bodiesUpToTheLimitAreRead() {
    String push = "{\"df\": {\"driver_id\": [1001]}}";
    String padded = push + " ".repeat(LIMIT - push.length());
    RawHttp.Response declared = RawHttp.exchange(server.port(), ("POST /push/driver_stats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + LIMIT + "\r\n").getBytes(StandardCharsets.US_ASCII),
        padded.getBytes(StandardCharsets.US_ASCII), TIMEOUT);
    RawHttp.Response chunked = RawHttp.streaming(server.port(), "POST /push/driver_stats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", out -> {
          byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
          out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(bytes);
          out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }, TIMEOUT);

    // Read to its end: the push is refused for what it says (a row without its columns), not for its size.
    for (RawHttp.Response response : List.of(declared, chunked)) {
      assertThat(response.status()).as(response.text()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).contains("driver_stats");
    }
  }

  @Test
  void aGzippedBodyIsCountedAsItInflates() {
    // 4 MiB of whitespace compress to a few KiB: the declared length says nothing of the body's size.
    byte[] bomb = gzip(" ".repeat(4 << 20).getBytes(StandardCharsets.US_ASCII));
    assertThat(bomb.length).isLessThan(LIMIT);
    for (String path : READING) {
      RawHttp.Response response = RawHttp.exchange(server.port(), ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n")
          .getBytes(StandardCharsets.US_ASCII), bomb, TIMEOUT);

      assertRefused(response, path);
    }
  }

  @Test
  void aBodyThatDoesNotInflateIs400() {
    byte[] plain = "{\"df\": {\"driver_id\": [1001]}}".getBytes(StandardCharsets.US_ASCII);
    for (String path : READING) {
      RawHttp.Response response = RawHttp.exchange(server.port(), ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + plain.length + "\r\n")
          .getBytes(StandardCharsets.US_ASCII), plain, TIMEOUT);

      assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).as(path).contains("not valid gzip");
    }
    // Refused before the body was read: the refusal stands (the rest of the body is read, and fails, after).
    RawHttp.Response refused = RawHttp.exchange(server.port(), ("POST /no/such/path HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + plain.length + "\r\n")
        .getBytes(StandardCharsets.US_ASCII), plain, TIMEOUT);
    assertThat(refused.status()).as(refused.text()).isEqualTo(404);
    assertThat(json(refused).get("code").asInt()).isEqualTo(404);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void endlessChunks(OutputStream out) throws IOException {
    byte[] chunk = new byte[8 << 10];
    Arrays.fill(chunk, (byte) ' ');
    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
    // Bounded, so that a server that never refuses fails the test by its timeout, not by memory.
    for (long sent = 0; sent < 64L << 20; sent += chunk.length) {
      out.write(size);
      out.write(chunk);
      out.write(end);
    }
  }

  private static void assertRefused(RawHttp.Response response, String what) {
    assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(413);
    assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
    JsonNode body = json(response);
    assertThat(body.get("code").asInt()).as(what).isEqualTo(413);
    assertThat(body.get("message").asText()).as(what).contains("larger than 64 KiB (maxRequestSize)");
  }

  private static JsonNode json(RawHttp.Response response) {
    try {
      return TestServer.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.text(), e);
    }
  }
}
