package dev.parity.server.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK's client refuses to send (malformed URIs,
 * raw bytes in a path, bodies larger than they say) and for reading an answer before the request
 * was sent to its end. One request per connection.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A response: the status, the header block as sent, and the body (de-chunked). */
  public record Response(int status, String headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of header {@code name}, or null. */
    public String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line)
   * and {@code body} as they are on a new connection to {@code port} and reads the response.
   *
   * @throws UncheckedIOException if the connection fails, or no whole response comes within
   *     {@code timeout}
   */
  public static Response exchange(int port, byte[] head, byte[] body, Duration timeout) {
    return exchange(port, head, body, false, timeout);
  }

  /**
   * As {@link #exchange(int, byte[], byte[], Duration)}; with {@code endInput}, the connection's
   * sending side is shut down after the body (the server reads the end of input there: a body
   * shorter than it says, a chunked body without its last chunk).
   */
  public static Response exchange(int port, byte[] request, byte[] body, boolean endInput, Duration timeout) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        if (endInput) {
          socket.shutdownOutput();
        }
      } catch (IOException refusedEarly) {
        // The server answered (a refusal) and closed before the request was sent: read its answer.
      }
      // The answer to HEAD announces a body it does not send.
      boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
      return read(socket.getInputStream(), head);
    } catch (SocketTimeoutException e) {
      throw new UncheckedIOException("no response within " + timeout, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a request body, possibly for longer than the server reads it. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Sends {@code head} and then, on a thread of its own, the body {@code body} writes, while the
   * response is read here: the response may come before the body is sent to its end (a refusal),
   * and is read as soon as it does. The writer's failure once the server stops reading is
   * expected and ignored.
   */
  public static Response streaming(int port, String head, BodyWriter body, Duration timeout) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer = new Thread(() -> {
        try {
          body.write(out);
          out.flush();
        } catch (IOException stopped) {
          // The server answered and closed the connection before the body was sent: expected.
        }
      }, "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      try {
        return read(socket.getInputStream());
      } finally {
        socket.close();
        writer.join(timeout.toMillis());
      }
    } catch (SocketTimeoutException e) {
      throw new UncheckedIOException("no response within " + timeout, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@link #exchange} with an ASCII head such as {@code "GET /x HTTP/1.1\r\nHost: h\r\n"} and no body. */
  public static Response exchange(int port, String head, Duration timeout) {
    return exchange(port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0], timeout);
  }

  /**
   * Reads one response from {@code in}: headers, then a body by Content-Length, chunks, or to the
   * end; interim responses ({@code 100 Continue}) are skipped.
   */
  public static Response read(InputStream in) throws IOException {
    return read(in, false);
  }

  /** As {@link #read(InputStream)}; {@code head}: the response to a HEAD request, without a body. */
  public static Response read(InputStream in, boolean head) throws IOException {
    Response response = readOne(in, head);
    while (response.status() >= 100 && response.status() < 200) {
      response = readOne(in, head);
    }
    return response;
  }

  private static Response readOne(InputStream in, boolean toHead) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; matched < 4; ) {
      b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before a whole response head: "
            + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    String statusLine = headers.substring(0, headers.indexOf("\r\n"));
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Response partial = new Response(status, headers, new byte[0]);
    String length = partial.header("Content-Length");
    String encoding = partial.header("Transfer-Encoding");
    byte[] body;
    if (toHead || status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = chunks(in);
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, body);
  }

  private static byte[] chunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
