package dev.parity.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP/1.1 connection of {@link SocketTransport}: writes a request and reads its answer
 * (framed by {@code Content-Length}, chunked, or ended by the server's close), and says whether
 * the connection may carry the next exchange. One exchange at a time; {@link #close()} may be
 * called from any thread, and unblocks a thread reading or writing it.
 */
final class HttpConnection {
  private final Socket raw;
  private InputStream in;
  private OutputStream out;
  private final byte[] buffer = new byte[16 << 10];
  private int position;
  private int limit;
  private int timeoutMillis = -1;
  private boolean reusable;
  private boolean anyAnswerByte;
  private long idleSince;

  /** @param raw a socket not connected yet: closing it aborts the connect too */
  HttpConnection(Socket raw) {
    this.raw = raw;
  }

  Socket raw() {
    return raw;
  }

  /** The streams to talk over, once connected (the TLS socket's, for https). */
  void streams(Socket connected) throws IOException {
    this.in = connected.getInputStream();
    this.out = connected.getOutputStream();
  }

  /**
   * Sends {@code request} (head and body in one write) and reads the answer.
   *
   * @param deadlineNanos when reads give up ({@link System#nanoTime()}), a backstop of the call's timers
   * @throws IOException when the connection fails or the answer is not HTTP; the connection is
   *     then unusable
   */
  HttpAnswer exchange(byte[] request, long deadlineNanos) throws IOException {
    reusable = false;
    anyAnswerByte = false;
    timeout(deadlineNanos);
    out.write(request);
    int status;
    long length;
    boolean chunked;
    boolean keepAlive;
    do {
      String statusLine = line();
      if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
        throw new IOException("not an HTTP/1.1 answer: " + printable(statusLine));
      }
      status = statusCode(statusLine);
      keepAlive = statusLine.charAt(7) == '1';
      length = -1;
      chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header in the answer: " + printable(header));
        }
        String value = header.substring(colon + 1).trim();
        if (header.regionMatches(true, 0, "content-length", 0, colon) && colon == 14) {
          length = contentLength(value);
        } else if (header.regionMatches(true, 0, "transfer-encoding", 0, colon) && colon == 17) {
          chunked = value.regionMatches(true, value.length() - 7, "chunked", 0, 7);
        } else if (header.regionMatches(true, 0, "connection", 0, colon) && colon == 10) {
          String tokens = value.toLowerCase(Locale.ROOT);
          keepAlive = tokens.contains("keep-alive") || keepAlive && !tokens.contains("close");
        }
      }
    } while (status / 100 == 1); // interim answers (100 Continue...) precede the real one
    byte[] body;
    if (status == 204 || status == 304) {
      body = new byte[0];
    } else if (chunked) {
      body = chunked();
    } else if (length >= 0) {
      body = exactly((int) length);
    } else {
      body = untilClosed();
      keepAlive = false;
    }
    // Bytes past the answer were not asked for: the connection's framing cannot be trusted.
    reusable = keepAlive && position == limit;
    return new HttpAnswer(status, body);
  }

  /** Whether the last exchange left the connection fit for the next one. */
  boolean reusable() {
    return reusable;
  }

  /** Whether the last exchange received any byte of an answer (none: a stale idle connection, or a refusal). */
  boolean anyAnswerByte() {
    return anyAnswerByte;
  }

  void idleSince(long nanos) {
    idleSince = nanos;
  }

  long idleSince() {
    return idleSince;
  }

  /** Closes the socket (idempotent): a thread blocked on it gets an {@link IOException}. */
  void close() {
    try {
      raw.close();
    } catch (IOException ignored) {
      // Closing is all that is wanted; a failure to close leaves nothing more to do.
    }
  }

  private void timeout(long deadlineNanos) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("no answer before the exchange's timeout");
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000));
    // Set once per exchange, not per read: for a backstop a few ms of rounding do not matter.
    if (Math.abs(millis - timeoutMillis) > 5) {
      raw.setSoTimeout(millis);
      timeoutMillis = millis;
    }
  }

  /** Reads more into the buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (position == limit) {
      position = 0;
      limit = 0;
    } else if (limit == buffer.length) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      return false;
    }
    anyAnswerByte = true;
    limit += read;
    return true;
  }

  /** A line of the head without its CRLF (ISO-8859-1). */
  private String line() throws IOException {
    int scanned = position;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
          position = i + 1;
          return line;
        }
      }
      scanned = limit;
      if (position == 0 && limit == buffer.length) {
        throw new IOException("a line of the answer's head is longer than " + buffer.length + " bytes");
      }
      int before = position;
      if (!fill()) {
        throw anyAnswerByte ? new EOFException("the connection closed in the middle of the answer's head")
            : new EOFException("the connection closed before an answer");
      }
      scanned -= before - position; // fill() may have moved the unread bytes to the buffer's start
    }
  }

  private byte[] exactly(int length) throws IOException {
    byte[] body = new byte[length];
    int have = Math.min(length, limit - position);
    System.arraycopy(buffer, position, body, 0, have);
    position += have;
    while (have < length) {
      int read = in.read(body, have, length - have);
      if (read < 0) {
        throw new EOFException("the connection closed after " + have + " of the answer's " + length + " bytes");
      }
      have += read;
    }
    return body;
  }

  private byte[] chunked() throws IOException {
    byte[] body = new byte[0];
    int size = 0;
    while (true) {
      String line = line();
      int end = line.indexOf(';');
      long chunk;
      try {
        chunk = Long.parseLong((end < 0 ? line : line.substring(0, end)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size in the answer: " + printable(line));
      }
      if (chunk == 0) {
        while (!line().isEmpty()) {
          // Trailers: nothing the client reads.
        }
        return size == body.length ? body : Arrays.copyOf(body, size);
      }
      if (chunk < 0 || size + chunk > BoundedBody.MAX_BYTES) {
        throw new IOException("the answer is larger than " + (BoundedBody.MAX_BYTES >> 20) + " MiB");
      }
      byte[] part = exactly((int) chunk);
      if (size + part.length > body.length) {
        body = Arrays.copyOf(body, Math.max(size + part.length, body.length * 2));
      }
      System.arraycopy(part, 0, body, size, part.length);
      size += part.length;
      if (!line().isEmpty()) {
        throw new IOException("a chunk of the answer is longer than its declared size");
      }
    }
  }

  private byte[] untilClosed() throws IOException {
    while (fill()) {
      if (limit - position > BoundedBody.MAX_BYTES) {
        throw new IOException("the answer is larger than " + (BoundedBody.MAX_BYTES >> 20) + " MiB");
      }
      if (limit == buffer.length) {
        throw new IOException("an answer without length is longer than " + buffer.length + " bytes");
      }
    }
    byte[] body = Arrays.copyOfRange(buffer, position, limit);
    position = limit;
    return body;
  }

  private static int statusCode(String statusLine) throws IOException {
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char digit = statusLine.charAt(i);
      if (digit < '0' || digit > '9') {
        throw new IOException("not an HTTP/1.1 answer: " + printable(statusLine));
      }
      status = status * 10 + digit - '0';
    }
    return status;
  }

  private static long contentLength(String value) throws IOException {
    long length;
    try {
      length = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException("malformed Content-Length in the answer: " + printable(value));
    }
    if (length < 0 || length > BoundedBody.MAX_BYTES) {
      throw new IOException("the answer is larger than " + (BoundedBody.MAX_BYTES >> 20) + " MiB (Content-Length "
          + length + ")");
    }
    return length;
  }

  private static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    StringBuilder shown = new StringBuilder(cut.length());
    cut.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return shown.toString();
  }
}
