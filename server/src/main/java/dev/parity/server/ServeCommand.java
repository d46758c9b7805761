package dev.parity.server;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import java.util.function.Consumer;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.server.Server;

/**
 * {@code parity server -r DIR [--port 6566] [--admin-port 6567] [--config server.yml]} (docs/cli.md):
 * Dropwizard's {@code server} command with the configuration file optional. Without
 * {@code --config} the built-in configuration applies: application port 6566 and admin port 6567,
 * both on 127.0.0.1, no authentication. {@code -r} and the ports override the file.
 */
public final class ServeCommand extends ServerCommand<ParityConfiguration> {
  private static final String REPO = "repo";
  private static final String PORT = "port";
  private static final String ADMIN_PORT = "adminPort";

  private final Consumer<Server> started;

  public ServeCommand(Application<ParityConfiguration> application) {
    this(application, server -> {});
  }

  /** A command that hands the started Jetty server to {@code started}, so embedders can stop it. */
  public ServeCommand(Application<ParityConfiguration> application, Consumer<Server> started) {
    super(application, "server", "Run the HTTP server for a feature repository");
    this.started = requireNonNull(started, "started is null");
  }

  @Override
  protected Argument addFileArgument(Subparser subparser) {
    return subparser.addArgument("--config")
        .dest("file")
        .metavar("FILE")
        .help("server configuration YAML (default: built in, 127.0.0.1:6566, admin 127.0.0.1:6567)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("-r", "--repo").dest(REPO).metavar("DIR")
        .help("the feature repository directory (default: the configuration's repository, else .)");
    subparser.addArgument("--port").dest(PORT).type(Integer.class).metavar("PORT")
        .help("the application port (default 6566; 0 picks a free one)");
    subparser.addArgument("--admin-port").dest(ADMIN_PORT).type(Integer.class).metavar("PORT")
        .help("the admin port: health checks, Dropwizard metrics (default 6567)");
  }

  @Override
  protected void run(Bootstrap<ParityConfiguration> bootstrap, Namespace namespace, ParityConfiguration configuration)
      throws Exception {
    String repository = namespace.getString(REPO);
    if (repository != null) {
      configuration.setRepository(repository);
    }
    Integer port = namespace.getInt(PORT);
    if (port != null) {
      setPort(configuration.getServerFactory(), port, false);
    }
    Integer adminPort = namespace.getInt(ADMIN_PORT);
    if (adminPort != null) {
      setPort(configuration.getServerFactory(), adminPort, true);
    }
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  protected void run(Environment environment, Namespace namespace, ParityConfiguration configuration) throws Exception {
    environment.lifecycle().addServerLifecycleListener(started::accept);
    super.run(environment, namespace, configuration);
  }

  private static void setPort(ServerFactory server, int port, boolean admin) {
    String option = admin ? "--admin-port" : "--port";
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(option + " must be between 0 and 65535, got " + port);
    }
    List<ConnectorFactory> connectors;
    if (server instanceof DefaultServerFactory factory) {
      connectors = admin ? factory.getAdminConnectors() : factory.getApplicationConnectors();
    } else if (server instanceof SimpleServerFactory factory && !admin) {
      connectors = List.of(factory.getConnector());
    } else {
      throw new IllegalArgumentException(option + " needs a 'default' server configuration with an HTTP connector"
          + (admin ? " (a 'simple' server serves admin on the application port)" : ""));
    }
    if (connectors.isEmpty() || !(connectors.get(0) instanceof HttpConnectorFactory http)) {
      throw new IllegalArgumentException(option + " needs an HTTP connector in the server configuration");
    }
    http.setPort(port);
  }
}
