package dev.parity.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestValuesTest {
  private static final Instant T = Instant.parse("2026-12-06T21:30:18Z");

  @Test
  void readsTimesInEveryFormFeastClientsSend() {
    assertThat(RequestValues.time("2026-12-06T21:30:18")).contains(T);
    assertThat(RequestValues.time("2026-12-06 21:30:18")).contains(T);
    assertThat(RequestValues.time("2026-12-06T21:30:18Z")).contains(T);
    assertThat(RequestValues.time("2026-12-06T23:30:18+02:00")).contains(T);
    assertThat(RequestValues.time(" 2026-12-06 21:30:18.000001 ")).contains(T.plusNanos(1_000));
    assertThat(RequestValues.time(new BigDecimal(T.getEpochSecond()))).contains(T);
    assertThat(RequestValues.time(new BigDecimal(T.getEpochSecond() + ".25"))).contains(T.plusMillis(250));
    assertThat(RequestValues.time(T.getEpochSecond())).contains(T);
    assertThat(RequestValues.time(new BigDecimal("-1.5"))).contains(Instant.parse("1969-12-31T23:59:58.5Z"));
    assertThat(RequestValues.time(T)).contains(T);
  }

  @Test
  void refusesWhatIsNotATime() {
    for (Object bad : List.of("yesterday", "06/12/2026 21:30", "2026-12-06", "", true, new BigDecimal("1e30"),
        Double.NaN, Double.POSITIVE_INFINITY)) {
      assertThat(RequestValues.time(bad)).as(String.valueOf(bad)).isEmpty();
    }
    assertThat(RequestValues.time(null)).isEmpty();
  }

  @Test
  void readsOnlyCanonicalDecimalStringsAsInt64Ids() {
    assertThat(RequestValues.int64Id("1001")).contains(1001L);
    assertThat(RequestValues.int64Id("0")).contains(0L);
    assertThat(RequestValues.int64Id("-42")).contains(-42L);
    assertThat(RequestValues.int64Id("9223372036854775807")).contains(Long.MAX_VALUE);
    assertThat(RequestValues.int64Id("-9223372036854775808")).contains(Long.MIN_VALUE);
    for (String ambiguous : List.of("", "-", "007", "-0", "+7", " 7", "7 ", "7.0", "1e3", "9223372036854775808",
        "0x10", "١٢")) {
      assertThat(RequestValues.int64Id(ambiguous)).as(ambiguous).isEqualTo(Optional.empty());
    }
  }
}
