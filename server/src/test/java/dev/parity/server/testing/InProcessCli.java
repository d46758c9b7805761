package dev.parity.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.ParityApplication;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.cli.ParityCli;
import io.dropwizard.core.setup.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs {@code parity ARGS} in this JVM as the launcher would, with the environment and clock a test gives. */
public final class InProcessCli {
  private InProcessCli() {}

  /** What a command did: its failure if it failed (exit status 1), and what it printed. */
  public record Result(Optional<Throwable> failure, String out, String err) {
    /** What the command printed on standard error, line by line. */
    public List<String> errLines() {
      return err.lines().toList();
    }

    /** The standard output read as JSON (a command run with {@code --json}). */
    public JsonNode json(ObjectMapper mapper) {
      try {
        return mapper.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + out + err, e);
      }
    }
  }

  public static Result run(Map<String, String> environment, Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(environment, clock, outStream, errStream);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Optional<Throwable> failure = new ParityCli(bootstrap, outStream, errStream).run(args);
    return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
