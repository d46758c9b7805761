package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.StoreFactory;
import java.io.PrintStream;

/**
 * What the commands on a repository's stores (the jobs {@code materialize}, {@code training-set}...,
 * and {@code get-online}) share, built once in {@code ParityApplication.initialize}.
 *
 * @param repositories loads feature repositories
 * @param stores opens a repository's registry, online store and offline engine
 * @param out where results are printed
 * @param err where progress and failures are printed
 * @param errors reports failures
 */
public record JobServices(RepositoryService repositories, StoreFactory stores, PrintStream out, PrintStream err,
    CliErrors errors) {
  public JobServices {
    requireNonNull(repositories, "repositories is null");
    requireNonNull(stores, "stores is null");
    requireNonNull(out, "out is null");
    requireNonNull(err, "err is null");
    requireNonNull(errors, "errors is null");
  }
}
