package dev.parity.server;

import dev.parity.ParityException;
import dev.parity.server.cli.ServerLauncher;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;

/**
 * {@code parity server} run in the calling process (the same application, command and
 * resources), for the quickstart: a fresh {@link ParityApplication} on the given environment and
 * clock, its {@code server} command run by Dropwizard's {@link Cli}, the started Jetty server
 * returned. Stateless.
 */
public final class InProcessServer implements ServerLauncher {
  @Override
  public Server launch(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err,
      String... args) {
    ParityApplication application = new ParityApplication(environment, clock, out, err);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    bootstrap.registerMetrics();
    AtomicReference<Server> started = new AtomicReference<>();
    bootstrap.addCommand(new ServeCommand(application, started::set));
    Optional<Throwable> failure = new Cli(new JarLocation(InProcessServer.class), bootstrap, out, err).run(args);
    if (failure.isPresent() || started.get() == null) {
      throw new ParityException("the quickstart's HTTP server did not start"
          + failure.map(f -> ": " + f.getMessage()).orElse(""));
    }
    return started.get();
  }
}
