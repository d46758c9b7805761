package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.client.FeatureAccessException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed getters: each type read as itself only, absent values in three forms, names checked. */
class FeatureRowTest {
  private static final Instant RECEIVED = Instant.parse("2026-01-31T00:00:00Z");
  private static final Instant EVENT = Instant.parse("2026-01-30T23:00:00Z");
  private static final List<String> NAMES = List.of("driver_id", "rate", "kind", "ok", "at", "missing", "nan");
  private final FeatureRow row = new FeatureRow(new RowData(new FeatureNames(NAMES),
      new Object[] {1001L, 0.5, "van", true, 1_700_000_000_000_001L, null, "-Infinity"},
      new FeatureStatus[] {FeatureStatus.PRESENT, FeatureStatus.PRESENT, FeatureStatus.PRESENT, FeatureStatus.PRESENT,
          FeatureStatus.PRESENT, FeatureStatus.NOT_FOUND, FeatureStatus.PRESENT},
      new Instant[] {null, EVENT, EVENT, EVENT, EVENT, null, EVENT}), 3, RECEIVED);

  private static void refused(Runnable access, Reason reason, String message) {
    assertThatThrownBy(access::run).isInstanceOf(FeatureAccessException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((FeatureAccessException) e).reason()).isEqualTo(reason));
  }

  @Test
  void eachTypeIsReadByItsGetter() {
    assertThat(row.getLong("driver_id")).isEqualTo(1001);
    assertThat(row.getDouble("rate")).isEqualTo(0.5);
    assertThat(row.getString("kind")).isEqualTo("van");
    assertThat(row.getBoolean("ok")).isTrue();
    assertThat(row.getInstant("at")).isEqualTo(Instant.parse("2023-11-14T22:13:20.000001Z"));
    assertThat(row.getDouble("nan")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(row.getDoubleOrNull("rate")).isEqualTo(0.5);
    assertThat(row.getLongOrElse("driver_id", 0)).isEqualTo(1001);
    assertThat(row.getDouble("driver_hourly_stats:rate")).as("a reference finds no plain name").isEqualTo(0.5);
  }

  @Test
  void aValueIsNeverConvertedToAnotherType() {
    refused(() -> row.getDouble("driver_id"), Reason.WRONG_TYPE,
        "feature 'driver_id' of row 3 is int64 or timestamp (1001), not float64: use getLong or getInstant");
    refused(() -> row.getLong("rate"), Reason.WRONG_TYPE, "is float64 (0.5), not int64: use getDouble");
    refused(() -> row.getBoolean("kind"), Reason.WRONG_TYPE, "is string (van), not bool: use getString");
    refused(() -> row.getString("ok"), Reason.WRONG_TYPE, "is bool (true), not string: use getBoolean");
    refused(() -> row.getInstant("rate"), Reason.WRONG_TYPE, "not timestamp");
    refused(() -> row.getDouble("kind"), Reason.WRONG_TYPE, "not float64");
    refused(() -> row.getLongOrNull("rate"), Reason.WRONG_TYPE, "use getDouble");
  }

  @Test
  void anAbsentValueThrowsIsNullOrIsTheFallbackButIsNeverZero() {
    refused(() -> row.getDouble("missing"), Reason.NO_VALUE,
        "feature 'missing' of row 3 has no value (status NOT_FOUND); getDoubleOrNull or getDoubleOrElse");
    refused(() -> row.getLong("missing"), Reason.NO_VALUE, "getLongOrNull");
    assertThat(row.getDoubleOrNull("missing")).isNull();
    assertThat(row.getLongOrNull("missing")).isNull();
    assertThat(row.getStringOrElse("missing", "none")).isEqualTo("none");
    assertThat(row.getBooleanOrElse("missing", true)).isTrue();
    assertThat(row.getInstantOrNull("missing")).isNull();
    assertThat(row.value("missing")).isNull();
    assertThat(row.status("missing")).isEqualTo(FeatureStatus.NOT_FOUND);
  }

  @Test
  void aDeclaredDefaultIsReadLikeAValueWithTheStatusSayingWhyItWasMissing() throws java.io.IOException {
    LookupJson.Answer answer = LookupJson.answer("""
        {"metadata":{"feature_names":["conv_rate","trips","acc_rate"]},"results":[
         {"values":[-1.0],"statuses":["OUTSIDE_MAX_AGE"],"event_timestamps":["2026-01-28T00:00:00Z"]},
         {"values":[0],"statuses":["NOT_FOUND"],"event_timestamps":["1970-01-01T00:00:00Z"]},
         {"values":[null],"statuses":["NULL_VALUE"],"event_timestamps":["2026-01-30T23:00:00Z"]}]}"""
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FeatureRow defaulted = new FeatureRow(answer.rows().get(0), 0, RECEIVED);

    assertThat(defaulted.getDouble("conv_rate")).isEqualTo(-1.0);
    assertThat(defaulted.status("conv_rate")).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
    assertThat(defaulted.get("conv_rate").isDefault()).isTrue();
    assertThat(defaulted.getLong("trips")).isZero();
    assertThat(defaulted.get("trips").isDefault()).isTrue();
    // A stored null is not a default: still absent.
    assertThat(defaulted.get("acc_rate").isDefault()).isFalse();
    assertThat(defaulted.getDoubleOrNull("acc_rate")).isNull();
    assertThat(row.get("rate").isDefault()).as("a present value").isFalse();
    assertThat(row.get("missing").isDefault()).as("not found, no default declared").isFalse();
  }

  @Test
  void anUnknownOrAmbiguousNameIsRefusedNamingTheColumns() {
    refused(() -> row.getDouble("rat"), Reason.UNKNOWN_NAME, "no feature 'rat' in this answer; it has [driver_id, rate");
    FeatureRow twice = new FeatureRow(new RowData(new FeatureNames(List.of("a", "a")), new Object[] {1L, 2L},
        new FeatureStatus[] {FeatureStatus.PRESENT, FeatureStatus.PRESENT}, new Instant[2]), 0, RECEIVED);
    refused(() -> twice.getLong("a"), Reason.UNKNOWN_NAME, "fullFeatureNames()");
  }

  @Test
  void eventTimeAndAgeAreThoseOfTheStoredRow() {
    assertThat(row.eventTime("rate")).contains(EVENT);
    assertThat(row.age("rate")).contains(Duration.ofHours(1));
    assertThat(row.eventTime("driver_id")).isEmpty();
    assertThat(row.age("driver_id")).isEmpty();
    FeatureValue rate = row.get("rate");
    assertThat(rate).isEqualTo(new FeatureValue("rate", 0.5, FeatureStatus.PRESENT, java.util.Optional.of(EVENT),
        java.util.Optional.of(Duration.ofHours(1))));
    assertThat(row.values()).hasSize(NAMES.size());
    assertThat(row.toString()).contains("rate=0.5", "missing=null (NOT_FOUND)");
  }
}
