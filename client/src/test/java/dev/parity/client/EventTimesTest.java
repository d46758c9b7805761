package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answer's event times read as {@code Instant.parse} reads them, its own shape read without it. */
class EventTimesTest {
  private static Instant parse(String text) throws IOException {
    // Inside a larger buffer, as the JSON parser hands it over.
    char[] buffer = ("[\"" + text + "\"]").toCharArray();
    return EventTimes.parse(buffer, 2, text.length());
  }

  @Test
  void everyInstantTheServerPrintsIsReadBackExactly() throws IOException {
    Random random = new Random(16);
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      long seconds = Math.floorMod(random.nextLong(), max);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
    }
    assertThat(parse("2024-02-29T12:00:00Z")).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
    assertThat(parse("2000-02-29T00:00:00.5Z")).isEqualTo(Instant.parse("2000-02-29T00:00:00.5Z"));
  }

  @Test
  void theServersNoEventTimeIsNullButAnotherSpellingOfTheEpochIsTheEpoch() throws IOException {
    assertThat(parse(LookupJson.NO_EVENT_TIMESTAMP)).isNull();
    assertThat(parse("1970-01-01T00:00:00.000Z")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void otherShapesAndOutOfRangeFieldsAreLeftToInstantParseAndWhatItRefusesIsAMalformedAnswer() throws IOException {
    for (String text : new String[] {"2026-01-30T23:00:00+01:00", "2026-01-30T23:59:60Z", "+12026-01-30T23:00:00Z",
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-30T24:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-30 23:00:00Z", "2026-01-30T23:00:00.Z", "2026-01-30T23:00:00.1234567890Z", "2026-01-3xT23:00:00Z",
        "yesterday", ""}) {
      Instant expected;
      try {
        expected = Instant.parse(text);
      } catch (DateTimeParseException e) {
        assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(IOException.class)
            .hasMessageContaining("'" + text + "' is not ISO-8601");
        continue;
      }
      assertThat(parse(text)).as(text).isEqualTo(expected);
    }
  }
}
