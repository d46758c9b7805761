package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentAction;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * Runs the application's commands under the name users type, {@value #PROGRAM} (the launcher
 * script): Dropwizard's {@link Cli} names the program {@code java -jar <jar file>} in every usage
 * line, and argparse4j fixes a parser's name when the parser is built, so this runner builds its
 * own parser over the bootstrap's commands. It answers as Dropwizard's does otherwise: no
 * arguments, {@code -h} or {@code --help} print the help on stdout, {@code -v} or {@code
 * --version} the version; a command line that does not parse prints the reason and that
 * command's help on stderr; a command that throws reports through its {@link Command#onError}.
 * Not thread-safe: one run at a time.
 */
public final class ParityCli {
  /** The program name in usage lines. */
  public static final String PROGRAM = "parity";
  private static final String COMMAND = "command";
  private final Bootstrap<?> bootstrap;
  private final PrintStream outStream;
  private final PrintStream errStream;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, Command> commands = new TreeMap<>();
  private final ArgumentParser parser;

  /** A runner for the commands {@code bootstrap} has, printing on {@code out} and {@code err}. */
  public ParityCli(Bootstrap<?> bootstrap, PrintStream out, PrintStream err) {
    this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
    this.outStream = requireNonNull(out, "out is null");
    this.errStream = requireNonNull(err, "err is null");
    this.out = new PrintWriter(out, true);
    this.err = new PrintWriter(err, true);
    parser = ArgumentParsers.newFor(PROGRAM).addHelp(false).build();
    parser.version(version(bootstrap));
    addHelp(parser);
    parser.addArgument("-v", "--version").action(new Print(ArgumentParser::printVersion, this.out))
        .help("show the application version and exit");
    Subparsers subparsers = parser.addSubparsers().help("available commands");
    for (Command command : bootstrap.getCommands()) {
      commands.put(command.getName(), command);
      Subparser subparser = subparsers.addParser(command.getName(), false);
      command.configure(subparser);
      addHelp(subparser);
      subparser.description(command.getDescription()).setDefault(COMMAND, command.getName()).defaultHelp(true);
    }
  }

  /**
   * Parses {@code arguments} and runs the command they name.
   *
   * @return the failure, if the command line did not parse or the command failed (reported
   *     already); empty if it succeeded or only help or the version was asked for
   */
  public Optional<Throwable> run(String... arguments) {
    if (arguments.length == 0) {
      parser.printHelp(out);
      return Optional.empty();
    }
    Namespace namespace;
    try {
      namespace = parser.parseArgs(arguments);
    } catch (HelpScreenException printed) {
      return Optional.empty();
    } catch (ArgumentParserException e) {
      err.println(e.getMessage());
      e.getParser().printHelp(err);
      return Optional.of(e);
    }
    Command command = commands.get(namespace.getString(COMMAND));
    try {
      command.run(bootstrap, namespace);
      return Optional.empty();
    } catch (Throwable failure) {
      // Errors too: the command reports them its way (ours: one line, the trace in a log file).
      // onError takes Dropwizard's Cli, which Dropwizard's own commands print through; built
      // for a failure only, since it configures every command once more.
      command.onError(new Cli(new JarLocation(bootstrap.getApplication().getClass()), bootstrap, outStream, errStream),
          namespace, failure);
      return Optional.of(failure);
    }
  }

  private void addHelp(ArgumentParser target) {
    target.addArgument("-h", "--help").action(new Print(ArgumentParser::printHelp, out))
        .help("show this help message and exit").setDefault(Arguments.SUPPRESS);
  }

  private static String version(Bootstrap<?> bootstrap) {
    return new JarLocation(bootstrap.getApplication().getClass()).getVersion()
        .map(v -> PROGRAM + " " + v).orElse(PROGRAM + " (version unknown: not run from the packaged jar)");
  }

  /** Prints the help or the version of the parser it is given, then ends the parse. */
  private record Print(BiConsumer<ArgumentParser, PrintWriter> print, PrintWriter out) implements ArgumentAction {
    @Override
    public void run(ArgumentParser parser, Argument argument, Map<String, Object> attributes, String flag, Object value)
        throws ArgumentParserException {
      print.accept(parser, out);
      throw new HelpScreenException(parser);
    }

    @Override
    public void onAttach(Argument argument) {
      // nothing to set up
    }

    @Override
    public boolean consumeArgument() {
      return false;
    }
  }
}
