package dev.parity.online.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.online.OnlineRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoercionTest {
  private static Object coerce(DataType type, Object value) {
    return Coercion.coerce(type, value, "request data x", 4);
  }

  private static void assertRejected(DataType type, Object value) {
    assertThatThrownBy(() -> coerce(type, value))
        .isInstanceOf(OnlineRequestException.class)
        .hasMessageStartingWith("request data x, row 4: expected " + type + ", got ");
  }

  @Test
  void acceptsIntegralNumbersAndWholeFloatsAsInt64() {
    assertThat(coerce(DataType.INT64, 7)).isEqualTo(7L);
    assertThat(coerce(DataType.INT64, (short) -3)).isEqualTo(-3L);
    assertThat(coerce(DataType.INT64, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(coerce(DataType.INT64, 2.0)).isEqualTo(2L);
    assertThat(coerce(DataType.INT64, -0.0)).isEqualTo(0L);
    assertThat(coerce(DataType.INT64, -9.223372036854775808E18)).isEqualTo(Long.MIN_VALUE);
    assertThat(coerce(DataType.INT64, new BigInteger("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
    assertThat(coerce(DataType.INT64, new BigDecimal("12.000"))).isEqualTo(12L);
  }

  @Test
  void rejectsFractionsOutOfRangeNumbersAndNonNumbersAsInt64() {
    assertRejected(DataType.INT64, 1.5);
    assertRejected(DataType.INT64, 9.223372036854775808E18);
    assertRejected(DataType.INT64, Double.NaN);
    assertRejected(DataType.INT64, Double.POSITIVE_INFINITY);
    assertRejected(DataType.INT64, new BigInteger("9223372036854775808"));
    assertRejected(DataType.INT64, new BigDecimal("0.5"));
    assertRejected(DataType.INT64, "12");
    assertRejected(DataType.INT64, true);
  }

  @Test
  void acceptsFloatsAndExactlyRepresentableIntegersAsFloat64() {
    assertThat(coerce(DataType.FLOAT64, 0.1)).isEqualTo(0.1);
    assertThat(coerce(DataType.FLOAT64, 1.5f)).isEqualTo(1.5);
    assertThat(coerce(DataType.FLOAT64, 3)).isEqualTo(3.0);
    assertThat(coerce(DataType.FLOAT64, 1L << 53)).isEqualTo(9.007199254740992E15);
    assertThat(coerce(DataType.FLOAT64, Double.NaN)).isEqualTo(Double.NaN);
    assertRejected(DataType.FLOAT64, (1L << 53) + 1);
    assertRejected(DataType.FLOAT64, Long.MAX_VALUE);
    assertRejected(DataType.FLOAT64, "0.5");
  }

  @Test
  void acceptsMicrosIsoTimesWithOffsetAndInstantsAsTimestamps() {
    assertThat(coerce(DataType.TIMESTAMP, 1_769_817_600_000_000L)).isEqualTo(1_769_817_600_000_000L);
    assertThat(coerce(DataType.TIMESTAMP, "2026-01-31T00:00:00Z")).isEqualTo(1_769_817_600_000_000L);
    assertThat(coerce(DataType.TIMESTAMP, "2026-01-31T02:00:00.0000019+02:00")).isEqualTo(1_769_817_600_000_001L);
    assertThat(coerce(DataType.TIMESTAMP, Instant.parse("1969-12-31T23:59:58.5Z"))).isEqualTo(-1_500_000L);
    assertRejected(DataType.TIMESTAMP, "yesterday");
    assertRejected(DataType.TIMESTAMP, 1.5);
  }

  @Test
  void takesTimesWithoutAnOffsetAsUtcWithATOrASpaceAsFeastClientsSendThem() {
    assertThat(coerce(DataType.TIMESTAMP, "2026-01-31T00:00:00")).isEqualTo(1_769_817_600_000_000L);
    assertThat(coerce(DataType.TIMESTAMP, "2026-01-31 00:00:00.000001")).isEqualTo(1_769_817_600_000_001L);
  }

  @Test
  void takesCanonicalStringIdsForInt64JoinKeysAndRefusesAmbiguousOnes() {
    assertThat(Coercion.coerceKey(DataType.INT64, "1001", "entity column driver_id", 0)).isEqualTo(1001L);
    assertThat(Coercion.coerceKey(DataType.INT64, "-7", "entity column driver_id", 0)).isEqualTo(-7L);
    for (String ambiguous : List.of("007", " 7", "+7", "7.0", "1e3", "9223372036854775808", "", "-0", "x")) {
      assertThatThrownBy(() -> Coercion.coerceKey(DataType.INT64, ambiguous, "entity column driver_id", 3))
          .as(ambiguous).isInstanceOf(OnlineRequestException.class)
          .hasMessageContaining("entity column driver_id, row 3: expected int64")
          .hasMessageContaining("without spaces, '+' or leading zeros");
    }
    // Request data (not a key) keeps the strict reading: a string is not a number.
    assertRejected(DataType.INT64, "12");
  }

  @Test
  void acceptsOnlyStringsAsStringsAndBooleansAsBools() {
    assertThat(coerce(DataType.STRING, "a")).isEqualTo("a");
    assertThat(coerce(DataType.BOOL, false)).isEqualTo(false);
    assertRejected(DataType.STRING, 1);
    assertRejected(DataType.BOOL, "true");
    assertRejected(DataType.BOOL, 1);
  }

  @Test
  void keepsNull() {
    for (DataType type : DataType.values()) {
      assertThat(coerce(type, null)).isNull();
    }
  }
}
