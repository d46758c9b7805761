package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP server of the quickstart: {@code parity server} itself (the same application, command
 * and resources), run in the quickstart's process on free loopback ports, so that it shares the
 * embedded registry with the quickstart's other steps. Its configuration says what differs from
 * the built-in one: free ports, warnings only, and a trigger scheduler that looks every second
 * instead of every ten. Its address is written to {@code .parity/server.url}, where the sample
 * training hook ({@code train.sh}) finds it. Not thread-safe.
 */
final class QuickstartServer implements AutoCloseable {
  static final String URL_FILE = ".parity/server.url";
  private static final String CONFIG_FILE = ".parity/quickstart-server.yml";
  private static final String CONFIG = """
      # Written by parity quickstart for its server: free loopback ports, warnings only, and the
      # trigger scheduler looking every second (default 10s). The rest is the built-in default.
      server:
        applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        requestLog: {appenders: []}
      logging:
        level: WARN
        appenders: [{type: console, target: stderr}]
      triggers:
        tickInterval: 1s
      """;

  private final Server jetty;
  private final URI url;
  private final int adminPort;
  private final Path urlFile;

  private QuickstartServer(Server jetty, URI url, int adminPort, Path urlFile) {
    this.jetty = jetty;
    this.url = url;
    this.adminPort = adminPort;
    this.urlFile = urlFile;
  }

  /**
   * Starts the server on {@code repository}.
   *
   * @param environment the variables the server reads ({@code PARITY_REDIS_URL}...)
   * @throws ParityException if it does not start (the reason is on {@code err})
   */
  static QuickstartServer start(ServerLauncher launcher, Path repository, Map<String, String> environment, Clock clock,
      PrintStream err) {
    requireNonNull(launcher, "launcher is null");
    requireNonNull(repository, "repository is null");
    Path config = repository.resolve(CONFIG_FILE);
    try {
      Files.createDirectories(config.getParent());
      Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    // The server's own stdout has nothing for the quickstart's reader; its errors go to err.
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Server jetty = launcher.launch(environment, clock, quiet, err, "server", "-r", repository.toString(), "--config",
        config.toString());
    int port = -1;
    int admin = -1;
    for (var connector : jetty.getConnectors()) {
      int local = ((ServerConnector) connector).getLocalPort();
      if (String.valueOf(connector.getName()).startsWith("admin")) {
        admin = local;
      } else {
        port = local;
      }
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    Path urlFile = repository.resolve(URL_FILE);
    try {
      Files.writeString(urlFile, url + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      stop(jetty);
      throw new UncheckedIOException("cannot write " + urlFile, e);
    }
    return new QuickstartServer(jetty, url, admin, urlFile);
  }

  /** {@code http://127.0.0.1:PORT}. */
  URI url() {
    return url;
  }

  int adminPort() {
    return adminPort;
  }

  /** Stops the server as Ctrl-C does (running jobs and trigger runs get their grace), and forgets its address. */
  @Override
  public void close() {
    stop(jetty);
    try {
      Files.deleteIfExists(urlFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + urlFile, e);
    }
  }

  private static void stop(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new ParityException("the quickstart's HTTP server did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
