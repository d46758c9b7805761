package dev.parity.online.testing;

import dev.parity.online.internal.RedisBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@code redis-server} child process owned by a test (the installed one, else the one bundled in a
 * Maven artifact: {@link RedisBinaries}): started on a free loopback port, and
 * stoppable/restartable on the same port so tests can simulate outages. Without persistence by
 * default (a restart comes back empty); {@link #startPersistent()} keeps every acknowledged write
 * across a kill and restart.
 */
public final class RedisServer implements AutoCloseable {
  private static Path sharedBinary;

  private final Path dir;
  private final int port;
  private final boolean clusterEnabled;
  private final boolean persistent;
  private Process process;

  private RedisServer(Path dir, int port, boolean clusterEnabled, boolean persistent) {
    this.dir = dir;
    this.port = port;
    this.clusterEnabled = clusterEnabled;
    this.persistent = persistent;
  }

  /** Starts a standalone server on a free port. */
  public static RedisServer start() {
    return start(false);
  }

  /** Starts a server on a free port, optionally with {@code cluster-enabled yes}. */
  public static RedisServer start(boolean clusterEnabled) {
    return start(clusterEnabled, false);
  }

  /**
   * Starts a standalone server with an append-only file synced on every write, so that a
   * {@link #stop()} (a kill) and {@link #restart()} keep every write Redis acknowledged: the
   * state a crashed production server with {@code appendfsync always} comes back with.
   */
  public static RedisServer startPersistent() {
    return start(false, true);
  }

  private static RedisServer start(boolean clusterEnabled, boolean persistent) {
    try {
      RedisServer server = new RedisServer(Files.createTempDirectory("parity-redis-"), ServerProcess.freePort(),
          clusterEnabled, persistent);
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server again on the same port after {@link #stop()}. */
  public synchronized void restart() {
    if (!isRunning()) {
      startProcess();
    }
  }

  /** Kills the server (like a crash: no shutdown save) and waits until its port is closed. */
  public synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
      ServerProcess.await("redis on port " + port + " to stop", Duration.ofSeconds(10), () -> !accepting());
    }
  }

  @Override
  public void close() {
    stop();
    ServerProcess.deleteTree(dir);
  }

  private synchronized void startProcess() {
    Path binary = binary();
    List<String> command = new ArrayList<>(List.of(
        binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", persistent ? "yes" : "no", "--appendfsync", "always", "--dir", dir.toString(),
        "--logfile", dir.resolve("redis.log").toString()));
    if (clusterEnabled) {
      command.addAll(List.of("--cluster-enabled", "yes",
          "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString()));
    }
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    ServerProcess.await("redis on port " + port + " to accept connections", Duration.ofSeconds(20), () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue()
            + "; see " + dir.resolve("redis.log"));
      }
      return answering();
    });
  }

  /**
   * The installed redis-server, or the bundled one copied once per JVM into a directory deleted at
   * exit (see {@link RedisBinaries}).
   */
  private static synchronized Path binary() {
    if (sharedBinary == null) {
      try {
        Path scratch = Files.createTempDirectory("parity-redis-bin-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServerProcess.deleteTree(scratch), "delete-redis-bin"));
        RedisBinaries.RedisBinary located = RedisBinaries.locate(scratch);
        // Printed to the test output so that CI can show which server its fresh-machine step ran.
        System.err.println("[parity-test] redis-server: " + located.describe());
        sharedBinary = located.path();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sharedBinary;
  }

  /**
   * Whether the server answers commands: a restarted persistent server accepts connections while
   * it still loads its data, and answers {@code LOADING} until it is done.
   */
  private boolean answering() {
    if (!accepting()) {
      return false;
    }
    try (Jedis jedis = new Jedis("127.0.0.1", port, 1000)) {
      return "PONG".equals(jedis.ping());
    } catch (JedisException loadingOrRefused) {
      return false;
    }
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
