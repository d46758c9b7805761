package dev.parity.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request refused before its body was read (401 without a token, 403, 404) must leave a
 * kept-alive connection usable: pooled clients send their next request on it. Jetty decides when
 * it writes the response; request content it cannot consume to its end then makes it close the
 * connection, without a {@code Connection: close} the client could see. Here the body comes in
 * two parts, the second after a pause, the case that broke the next request on the connection.
 */
class KeepAliveAfterRefusalTest {
  private static final String WRITER = "writer-token-0123456789";
  private static final String BODY = "{\"end_ts\": \"2000-01-01T00:00:00Z\", \"feature_views\": [\"customer_profile\"]}";

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> config.getAuth()
        .setTokens(List.of(new TokenConfig(WRITER, Set.of(Role.WRITER), "etl"))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theConnectionServesTheNextRequestAfterARefusedPostWhoseBodyCameInParts() throws Exception {
    for (String path : List.of("/jobs/materialize-incremental", "/get-online-features", "/no/such/path")) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        int half = BODY.length() / 2;
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY.substring(0, half)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300); // the refusal is decided meanwhile; the rest of the body comes late
        out.write(BODY.substring(half).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String first = readResponse(in);
        out.write("GET /registry/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String second = readResponse(in);

        assertThat(first).as(path).startsWith(path.startsWith("/no") ? "HTTP/1.1 404 " : "HTTP/1.1 401 ");
        assertThat(second).as("the next response on the connection after " + path).startsWith("HTTP/1.1 401 ");
      }
    }
  }

  /** One response (headers and a Content-Length body), or what came before the connection closed. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int headerEnd = -1;
    int length = -1;
    for (int b; (b = in.read()) != -1; ) {
      bytes.write(b);
      if (headerEnd < 0) {
        String text = bytes.toString(StandardCharsets.US_ASCII);
        if (text.endsWith("\r\n\r\n")) {
          headerEnd = bytes.size();
          length = contentLength(text);
        }
      }
      if (headerEnd >= 0 && bytes.size() == headerEnd + length) {
        break;
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }
}
