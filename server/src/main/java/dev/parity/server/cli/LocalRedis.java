package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.online.internal.RedisBinaries;
import dev.parity.online.internal.RedisBinaries.RedisBinary;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server}, started on a free loopback port with persistence off, for the
 * quickstart when no Redis is running: the installed one, else the one bundled in a Maven artifact
 * ({@link RedisBinaries}), so the quickstart needs only a JDK. Stopped (and its working directory
 * left behind with just its log) by {@link #close()}. Not thread-safe.
 */
final class LocalRedis implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private final Process process;
  private final int port;
  private final RedisBinary binary;

  private LocalRedis(Process process, int port, RedisBinary binary) {
    this.process = process;
    this.port = port;
    this.binary = binary;
  }

  /**
   * Starts {@code redis-server} and waits until it answers PING.
   *
   * @throws ParityException if there is no {@code redis-server} or it does not come up
   */
  static LocalRedis start(Path workDirectory) {
    int port = freePort();
    RedisBinary binary = RedisBinaries.locate(workDirectory.resolve("bin"));
    Process process;
    try {
      Files.createDirectories(workDirectory);
      process = new ProcessBuilder(List.of(binary.path().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", workDirectory.toAbsolutePath().toString()))
          .redirectErrorStream(true)
          .redirectOutput(workDirectory.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new ParityException("the quickstart needs Redis: nothing answers at the configured URL and "
          + binary.path() + " could not be started (" + e.getMessage() + "); install it (apt-get install "
          + "redis-server) or set PARITY_REDIS_URL to a running Redis", e);
    }
    LocalRedis redis = new LocalRedis(process, port, binary);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!redis.answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new ParityException("redis-server did not start on port " + port + " within " + START_TIMEOUT.toSeconds()
            + " s; see " + workDirectory.resolve("redis.log"));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        redis.close();
        throw new ParityException("interrupted while starting redis-server", e);
      }
    }
    return redis;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Which server runs, for people: version and path, and whether it is the bundled one. */
  String describe() {
    return binary.describe();
  }

  /**
   * Stops the server: SIGTERM, then SIGKILL after five seconds; then deletes the copy of the
   * bundled binary (6 MB a run in the user's directory otherwise).
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (binary.bundled() && !process.isAlive()) {
      try {
        Files.deleteIfExists(binary.path());
      } catch (IOException e) {
        throw new ParityException("cannot delete " + binary.path() + ": " + e.getMessage(), e);
      }
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ParityException("cannot find a free loopback port for redis-server: " + e.getMessage(), e);
    }
  }
}
