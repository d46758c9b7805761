package dev.parity.server.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.server.Server;

/**
 * Runs {@code parity server} in this process and returns its started Jetty server, for the
 * quickstart's HTTP steps. The application implements it: the commands' package may not depend on
 * the application's, which depends on it.
 */
@FunctionalInterface
public interface ServerLauncher {
  /**
   * @param environment the variables the server reads ({@code PARITY_REDIS_URL}...)
   * @param out where the server's own output goes
   * @param err where its errors go
   * @param args the command line, {@code server} and its options
   * @throws dev.parity.ParityException if it does not start
   */
  Server launch(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err, String... args);
}
