package dev.parity.client.direct;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.parity.ParityException;
import dev.parity.client.FeatureStatus;
import dev.parity.client.LookupBackend;
import dev.parity.client.LookupSpec;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClientException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.online.FeatureValue;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Between the client's lookups and the online module's: a {@link LookupSpec} as the request the
 * server would have read from its JSON, and the response as the HTTP client would have read the
 * server's JSON — value for value the same {@link OnlineFeatures}, and the same exception class for
 * each refusal. Stateless.
 */
final class Answers {
  private static final FeatureStatus[] STATUSES = statuses();

  private Answers() {}

  /** The request the server reads from the JSON the HTTP client writes for {@code spec}. */
  static OnlineFeaturesRequest request(LookupSpec spec) {
    return new OnlineFeaturesRequest(Optional.ofNullable(spec.featureService()),
        spec.features() == null ? List.of() : spec.features(), sent(spec.entities()), sent(spec.requestData()),
        spec.fullFeatureNames());
  }

  /** Times go as ISO-8601 text, as JSON carries them; every other checked value as it is. */
  private static Map<String, List<Object>> sent(Map<String, List<Object>> columns) {
    Map<String, List<Object>> sent = new LinkedHashMap<>();
    columns.forEach((name, values) -> {
      List<Object> column = new ArrayList<>(values.size());
      for (Object value : values) {
        column.add(value instanceof Instant instant ? instant.toString() : value);
      }
      sent.put(name, column);
    });
    return sent;
  }

  /** The answer the HTTP client reads from the server's JSON of {@code response}. */
  static OnlineFeatures answer(OnlineFeaturesResponse response, Instant receivedAt) {
    int rows = response.rowCount();
    int columns = response.results().size();
    Object[][] values = new Object[rows][columns];
    FeatureStatus[][] statuses = new FeatureStatus[rows][columns];
    Instant[][] times = new Instant[rows][columns];
    // The features of one view share their row's event time: one Instant per row and view, not
    // per value (the lookup's largest allocation otherwise; 50 features of a view, 50 Instants).
    long[] lastMicros = new long[rows];
    Instant[] lastTime = new Instant[rows];
    Arrays.fill(lastMicros, FeatureValue.NO_EVENT_TIME);
    for (int c = 0; c < columns; c++) {
      FeatureVector column = response.results().get(c);
      for (int r = 0; r < rows; r++) {
        FeatureValue entry = column.entry(r);
        values[r][c] = value(entry.value());
        statuses[r][c] = STATUSES[entry.status().ordinal()];
        long micros = entry.eventTimeMicros();
        if (micros != lastMicros[r]) {
          lastMicros[r] = micros;
          lastTime[r] = eventTime(micros);
        }
        times[r][c] = lastTime[r];
      }
    }
    return LookupBackend.answer(response.featureNames(), values, statuses, times, receivedAt);
  }

  /**
   * A value as it reads back from the server's JSON: whole numbers as {@code Long}, decimals as
   * the {@code Double} of their shortest digits (NaN and infinities as the quoted strings the
   * server writes), other values as their text.
   */
  static Object value(Object value) {
    if (value == null || value instanceof Long || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double d) {
      return Double.isNaN(d) || Double.isInfinite(d) ? NumberOutput.toString(d, true) : d;
    }
    if (value instanceof Float f) {
      String text = NumberOutput.toString(f, true);
      return Float.isNaN(f) || Float.isInfinite(f) ? text : Double.parseDouble(text);
    }
    return value.toString();
  }

  /** Microseconds as an instant; none for {@link FeatureValue#NO_EVENT_TIME}, as the JSON's epoch reads back. */
  static Instant eventTime(long micros) {
    if (micros == FeatureValue.NO_EVENT_TIME) {
      return null;
    }
    Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    return time.equals(Instant.EPOCH) ? null : time;
  }

  /**
   * The client's exception for what the lookup code threw, the class the HTTP client throws for
   * the status the server answers it with: an unknown name 404, an unapplied definition 409,
   * Redis unreachable 503, any other refusal 400.
   */
  static ParityClientException failure(ParityException failure) {
    int status;
    if (failure instanceof OnlineStoreUnavailableException) {
      status = 503;
    } else if (failure instanceof NotAppliedException) {
      status = 409;
    } else if (failure instanceof UnknownDefinitionException) {
      status = 404;
    } else {
      status = 400;
    }
    return LookupBackend.failure(status, "lookup (direct): " + failure.getMessage(), failure);
  }

  private static FeatureStatus[] statuses() {
    FeatureValue.Status[] online = FeatureValue.Status.values();
    FeatureStatus[] client = new FeatureStatus[online.length];
    for (int i = 0; i < online.length; i++) {
      client[i] = switch (online[i].name()) {
        case "PRESENT" -> FeatureStatus.PRESENT;
        case "NULL_VALUE" -> FeatureStatus.NULL_VALUE;
        case "NOT_FOUND" -> FeatureStatus.NOT_FOUND;
        case "OUTSIDE_MAX_AGE" -> FeatureStatus.OUTSIDE_MAX_AGE;
        case "VERSION_MISMATCH" -> FeatureStatus.VERSION_MISMATCH;
        default -> FeatureStatus.OTHER;
      };
    }
    return client;
  }
}
