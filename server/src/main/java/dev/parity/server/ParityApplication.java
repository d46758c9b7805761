package dev.parity.server;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The one Parity executable: the HTTP server and every CLI command of SPEC §7 are Dropwizard
 * commands of this application, sharing the services built in {@link #run}.
 */
public final class ParityApplication extends Application<ParityConfiguration> {

  public static void main(String[] args) throws Exception {
    new ParityApplication().run(args);
  }

  @Override
  public String getName() {
    return "parity";
  }

  @Override
  public void initialize(Bootstrap<ParityConfiguration> bootstrap) {
    // Commands are added here as the services behind them land (registry, offline, online).
  }

  @Override
  public void run(ParityConfiguration configuration, Environment environment) {
    // Resources and health checks are wired here by the server issue.
  }
}
