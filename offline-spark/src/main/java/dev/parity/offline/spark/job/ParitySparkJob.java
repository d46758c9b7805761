package dev.parity.offline.spark.job;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.EntityTable;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.TrainingSetResult;
import dev.parity.offline.features.EngineJoin;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.offline.spark.SparkEngineOptions;
import dev.parity.offline.spark.SparkOfflineEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The main class of {@code parity-spark.jar}: {@code spark-submit --class
 * dev.parity.offline.spark.job.ParitySparkJob parity-spark.jar training-set ...} builds a training
 * set with the {@link SparkOfflineEngine} from the repository's definitions, with the arguments of
 * {@code parity training-set} ({@link JobArguments}), on-demand features included; {@code ...
 * parity-spark.jar materialize ...} materializes online views with {@link
 * dev.parity.offline.spark.SparkMaterialization}, with the arguments of {@code parity materialize}
 * ({@link MaterializeArguments}, lines for the launching command as {@link MaterializeJob} says).
 * A training set's job writes the output directory and its {@code _parity.json} (with the
 * statistics of the feature columns, which the executors collect as they write); neither job
 * records its run: the metadata store is the launching command's (its registry may be a file on
 * that machine, out of the driver's reach in cluster mode), and {@code parity training-set
 * --engine spark} or {@code parity materialize --engine spark} records it from what the job
 * reported.
 *
 * <p>Exit status 0 when done, 1 when the job failed, 2 for bad arguments; a failure's reason is
 * one line on stderr starting with {@value #ERROR_PREFIX}, which the launching command shows.
 */
public final class ParitySparkJob {
  /** How the line giving a failure's reason starts. */
  public static final String ERROR_PREFIX = "parity-spark: error: ";

  private ParitySparkJob() {}

  /** Runs the job in Spark's session ({@code spark-submit} sets its master and properties). */
  public static void main(String[] args) {
    String name = "parity " + (args.length > 0 ? args[0] : "job");
    int status = run(args, System.out, System.err, () -> SparkSession.builder().appName(name).getOrCreate());
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the job with the session {@code sessions} gives (asked for once the arguments and the
   * repository are checked; not stopped: its creator owns it). Prints the result line on {@code
   * out}, progress and the failure's reason on {@code err}.
   *
   * @return the exit status: 0 done, 1 failed, 2 bad arguments
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Supplier<SparkSession> sessions) {
    Runnable job;
    try {
      job = job(args, out, err, sessions);
    } catch (IllegalArgumentException e) {
      err.println(ERROR_PREFIX + e.getMessage());
      return 2;
    }
    try {
      job.run();
      return 0;
    } catch (ParityException e) {
      err.println(ERROR_PREFIX + oneLine(e.getMessage()));
      return 1;
    } catch (Exception e) { // Spark's checked exceptions (SparkException) too: Scala does not declare them
      e.printStackTrace(err);
      err.println(ERROR_PREFIX + "unexpected " + oneLine(String.valueOf(e)));
      return 1;
    }
  }

  /** The job {@code args} ask for, not started yet. */
  private static Runnable job(String[] args, PrintStream out, PrintStream err, Supplier<SparkSession> sessions) {
    String command = args.length == 0 ? "" : args[0];
    switch (command) {
      case JobArguments.COMMAND: {
        JobArguments arguments = JobArguments.parse(args);
        return () -> {
          TrainingSetResult result = trainingSet(arguments, sessions, err);
          out.println("parity-spark: training set of " + result.rows() + " rows, " + result.schema().size()
              + " columns written to " + result.output());
        };
      }
      case MaterializeArguments.COMMAND: {
        MaterializeArguments arguments = MaterializeArguments.parse(args);
        return () -> MaterializeJob.run(load(arguments.repository()), arguments, sessions, out, err);
      }
      default:
        throw new IllegalArgumentException("the first argument must be the command, training-set or materialize"
            + "\n" + JobArguments.USAGE + "\n" + MaterializeArguments.USAGE);
    }
  }

  /** The repository at {@code directory}, with {@code PARITY_*} variables applied as the parity command applies them. */
  private static FeatureRepository load(Path directory) {
    return new RepositoryLoader(new ParquetSchemaResolver(), System.getenv()).load(directory);
  }

  private static TrainingSetResult trainingSet(JobArguments arguments, Supplier<SparkSession> sessions,
      PrintStream err) {
    FeatureRepository repository = load(arguments.repository());
    TrainingSetSpec spec = arguments.spec();
    EngineJoin join = TrainingSets.engineJoin(repository, spec);
    // The embedded build's checks of the entity table (request columns of on-demand features
    // included), with its messages, before the session is asked for.
    EntityTable entities = TrainingSets.checkEntityTable(repository, spec);
    Clock clock = arguments.now().map(now -> Clock.fixed(now, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    FutureTimeLimit limit = repository.config().futureTimeLimit(clock);
    TrainingSetRequest request = new TrainingSetRequest(
        entities, join.views(),
        spec.output().toAbsolutePath().normalize(), spec.asOfCreated(), Optional.of(limit));
    SparkOfflineEngine engine = new SparkOfflineEngine(sessions.get(), SparkEngineOptions.defaults());
    return engine.buildTrainingSet(request, join, new LogProgress(err)).result();
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.replace('\n', ' ');
  }

  /** Progress as lines on the job's log. */
  private record LogProgress(PrintStream err) implements Progress {
    @Override
    public void rowsRead(String table, long rows) {
      err.println("parity-spark: " + table + ": " + rows + " rows");
    }

    @Override
    public void partitionDone(int done, int total) {
      err.println("parity-spark: views joined: " + done + "/" + total);
    }
  }
}
