package dev.parity.offline.spark.job;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.OnlineConfig;
import dev.parity.offline.Progress;
import dev.parity.offline.spark.SparkEngineOptions;
import dev.parity.offline.spark.SparkMaterialization;
import dev.parity.offline.spark.SparkMaterializationException;
import dev.parity.offline.spark.SparkViewMaterialization;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.serving.OnlineViews;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The job's {@code materialize}: each view with {@link SparkMaterialization}, in order, into the
 * online store the repository's {@code parity.yaml} names (after {@code PARITY_REDIS_URL}), and a
 * line per event for the launching command, which records the runs in the metadata store. Every
 * line starts with {@code parity-spark: } and is one of:
 *
 * <ul>
 *   <li>{@code progress read VIEW ROWS}, {@code progress partitions DONE TOTAL}, {@code progress
 *       written ENTITIES}: the {@link Progress} calls of the run, as the embedded engine makes them;
 *   <li>{@code materialized VIEW rows_read=R entities=E written=W unchanged=U
 *       beyond_future_limit=B null_keys=N}: a view is done (on stdout);
 *   <li>{@code failed VIEW entities=E written=W unchanged=U}: a view failed after that much (rows
 *       the store acknowledged are online), before the job's {@code error:} line.
 * </ul>
 * A view runs only after the previous one succeeded; the first failure ends the job.
 */
final class MaterializeJob {
  static final String PROGRESS = "progress ";
  static final String MATERIALIZED = "materialized ";
  static final String FAILED = "failed ";
  private static final String PREFIX = "parity-spark: ";

  private MaterializeJob() {}

  /** Runs {@code arguments} on the session {@code sessions} gives (asked for once the repository and views are checked). */
  static void run(FeatureRepository repository, MaterializeArguments arguments, Supplier<SparkSession> sessions,
      PrintStream out, PrintStream err) {
    OnlineViews online = OnlineViews.of(repository);
    List<String> views = arguments.views().orElseGet(() -> List.copyOf(online.servable().keySet()));
    // Unknown or offline-only views are named before Spark starts, as the parity command names them.
    views.forEach(online::view);
    Clock clock = arguments.now().map(now -> Clock.fixed(now, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    FutureTimeLimit limit = repository.config().futureTimeLimit(clock);
    OnlineStoreSettings settings = OnlineStoreSettings.defaults(repository.config().project());
    if (arguments.expiryGrace().isPresent()) {
      settings = settings.withExpiryGrace(arguments.expiryGrace().get());
    }
    SparkMaterialization materialization = new SparkMaterialization(sessions.get(), SparkEngineOptions.defaults(),
        connection(repository.config().online()), settings);
    Progress progress = new LineProgress(err);
    for (String view : views) {
      SparkViewMaterialization done;
      try {
        done = materialization.materialize(repository, view, arguments.startOf(view), arguments.end(),
            Optional.of(limit), progress);
      } catch (SparkMaterializationException e) {
        SparkViewMaterialization partial = e.partial();
        err.println(PREFIX + FAILED + view + " entities=" + partial.entities() + " written=" + partial.written()
            + " unchanged=" + partial.unchanged());
        throw e;
      } catch (RuntimeException e) {
        err.println(PREFIX + FAILED + view + " entities=0 written=0 unchanged=0");
        throw e;
      }
      out.println(PREFIX + MATERIALIZED + view + " rows_read=" + done.rowsRead() + " entities=" + done.entities()
          + " written=" + done.written() + " unchanged=" + done.unchanged() + " beyond_future_limit="
          + done.skipped().beyondFutureLimit() + " null_keys=" + done.skipped().nullKeys());
    }
  }

  private static RedisConnectionConfig connection(OnlineConfig config) {
    return config.isCluster() ? RedisConnectionConfig.cluster(config.cluster())
        : RedisConnectionConfig.standalone(config.redis().orElseThrow());
  }

  /** The run's progress as lines for the launching command. */
  private record LineProgress(PrintStream err) implements Progress {
    @Override
    public void rowsRead(String table, long rows) {
      err.println(PREFIX + PROGRESS + "read " + table + " " + rows);
    }

    @Override
    public void partitionDone(int done, int total) {
      err.println(PREFIX + PROGRESS + "partitions " + done + " " + total);
    }

    @Override
    public void rowsWritten(long rows) {
      err.println(PREFIX + PROGRESS + "written " + rows);
    }
  }
}
