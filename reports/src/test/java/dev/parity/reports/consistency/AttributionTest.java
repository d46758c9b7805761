package dev.parity.reports.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.online.FeatureValue.Status;
import dev.parity.reports.consistency.Attribution.Mismatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The causes decided from what was served alone, before any offline recomputation. */
class AttributionTest {
  private static final FeatureDependencies RATE = new FeatureDependencies(
      new SelectedFeature(new FeatureRef("stats", "rate"), DataType.FLOAT64, false), List.of("stats"), Set.of(),
      Map.of("stats", "v1"));
  // No recomputation: every cause below is decided from the served row.
  private final Attribution attribution = new Attribution(null, MaterializationHistory.none());

  private static Mismatch mismatch(Object online, Status status, boolean versionDiffers, Object offline) {
    return new Mismatch(new ServedRow(new Object[] {1L}, 0, new Object[0], new Object[] {online},
        new Status[] {status}, new boolean[] {versionDiffers}), offline);
  }

  @Test
  void aServedValueWithoutAStoredOneIsTheDeclaredDefault() {
    Mismatch notFound = mismatch(0.0, Status.NOT_FOUND, false, 0.5);
    Mismatch expired = mismatch(0.0, Status.OUTSIDE_MAX_AGE, false, 0.5);
    Mismatch versioned = mismatch(0.0, Status.NOT_FOUND, true, 0.5);
    Mismatch ttl = mismatch(null, Status.OUTSIDE_MAX_AGE, false, 0.5);
    Mismatch never = mismatch(null, Status.NOT_FOUND, false, 0.5);

    attribution.attribute(null, null, RATE, 0, List.of(notFound, expired, versioned, ttl, never));

    assertThat(notFound.cause).isEqualTo(MismatchCause.DECLARED_DEFAULT_APPLIED);
    assertThat(expired.cause).isEqualTo(MismatchCause.DECLARED_DEFAULT_APPLIED);
    assertThat(versioned.cause).isEqualTo(MismatchCause.DEFINITION_VERSION_DIFFERS);
    assertThat(ttl.cause).isEqualTo(MismatchCause.TTL_EXPIRED);
    // No materialization of the view at all.
    assertThat(never.cause).isEqualTo(MismatchCause.NEVER_MATERIALIZED);
  }
}
