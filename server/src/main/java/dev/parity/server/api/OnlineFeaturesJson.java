package dev.parity.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The JSON of {@code POST /get-online-features} (docs/online.md), shared by the HTTP handler ({@link
 * #toBytes}) and {@code parity get-online} ({@link #toString}), which print the same JSON. Feast's
 * shape:
 *
 * <pre>{@code
 * {"metadata": {"feature_names": ["driver_id", "conv_rate"]},
 *  "results": [{"values": [1001], "statuses": ["PRESENT"], "event_timestamps": ["1970-01-01T00:00:00Z"]},
 *              {"values": [0.5],  "statuses": ["PRESENT"], "event_timestamps": ["2026-01-30T23:00:00Z"]}]}
 * }</pre>
 *
 * <p>{@code results[i]} belongs to {@code feature_names[i]}, one entry per entity row. Values are
 * JSON numbers, strings, booleans or {@code null} (null unless {@code PRESENT}, or a declared
 * default served for {@code NOT_FOUND} / {@code OUTSIDE_MAX_AGE}; timestamp
 * features as UTC microseconds); statuses are the {@link FeatureValue.Status} names; event
 * timestamps are ISO-8601 UTC, {@code 1970-01-01T00:00:00Z} where there is none, as Feast prints
 * them.
 *
 * <p>Never built as a tree first (on the lookup path a tree cost as much as the lookup itself):
 * the HTTP answer is written byte by byte into one array, the command's with Jackson's streaming
 * generator. Stateless and thread-safe.
 */
public final class OnlineFeaturesJson {
  /** Printed for values without an event time (join keys, not found), as Feast does. */
  public static final String NO_EVENT_TIMESTAMP = "1970-01-01T00:00:00Z";

  // Schubfach instead of Double.toString: shortest round-tripping digits, several times faster.
  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();
  private static final String[] STATUS_NAMES = Arrays.stream(FeatureValue.Status.values()).map(Enum::name)
      .toArray(String[]::new);
  private static final SerializableString[] STATUSES = Arrays.stream(FeatureValue.Status.values())
      .map(status -> new SerializedString(status.name())).toArray(SerializableString[]::new);
  private static final int MICROS_PER_SECOND = 1_000_000;
  private static final long SECONDS_PER_DAY = 86_400;
  /** {@code 2026-01-30T23:00:00.000001Z}: the longest {@link #formatIso} writes. */
  private static final int TIMESTAMP_CHARS = 27;

  private OnlineFeaturesJson() {}

  /**
   * The response as compact UTF-8 JSON, the same bytes Jackson's generator writes for it ({@link
   * #toString(OnlineFeaturesResponse, boolean)}; checked by a differential test), written
   * straight into one array: on the lookup path the generator cost an eighth of the server's time.
   */
  public static ByteBuffer toBytes(OnlineFeaturesResponse response) {
    Objects.requireNonNull(response, "response is null");
    CompactWriter out = new CompactWriter(256 + 96 * response.rowCount() * response.results().size());
    out.ascii("{\"metadata\":{\"feature_names\":[");
    List<String> names = response.featureNames();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.ascii(',');
      }
      out.string(names.get(i));
    }
    out.ascii("]},\"results\":[");
    char[] timestamp = new char[TIMESTAMP_CHARS];
    long formatted = FeatureValue.NO_EVENT_TIME;
    int length = -1;
    for (int c = 0; c < response.results().size(); c++) {
      List<FeatureValue> entries = response.results().get(c).entries();
      out.ascii(c == 0 ? "{\"values\":[" : ",{\"values\":[");
      for (int r = 0; r < entries.size(); r++) {
        if (r > 0) {
          out.ascii(',');
        }
        out.value(entries.get(r).value());
      }
      out.ascii("],\"statuses\":[");
      for (int r = 0; r < entries.size(); r++) {
        if (r > 0) {
          out.ascii(',');
        }
        out.ascii('"');
        out.ascii(STATUS_NAMES[entries.get(r).status().ordinal()]);
        out.ascii('"');
      }
      out.ascii("],\"event_timestamps\":[");
      for (int r = 0; r < entries.size(); r++) {
        if (r > 0) {
          out.ascii(',');
        }
        long micros = entries.get(r).eventTimeMicros();
        out.ascii('"');
        if (micros == FeatureValue.NO_EVENT_TIME) {
          out.ascii(NO_EVENT_TIMESTAMP);
        } else {
          if (micros != formatted || length < 0) {
            length = formatIso(micros, timestamp);
            formatted = micros;
          }
          if (length < 0) {
            out.ascii(eventTimestamp(micros));
          } else {
            out.ascii(timestamp, length);
          }
        }
        out.ascii('"');
      }
      out.ascii("]}");
    }
    out.ascii("]}");
    return out.buffer();
  }

  /** The response as JSON text, indented for people ({@code parity get-online}) or compact. */
  public static String toString(OnlineFeaturesResponse response, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      if (pretty) {
        json.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      write(response, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lookup as JSON", e);
    }
    return text.toString();
  }

  /** The generator path: the CLI's output, and the oracle {@link #toBytes} is tested against. */
  private static void write(OnlineFeaturesResponse response, JsonGenerator json) throws IOException {
    Objects.requireNonNull(response, "response is null");
    json.writeStartObject();
    json.writeObjectFieldStart("metadata");
    json.writeArrayFieldStart("feature_names");
    for (String name : response.featureNames()) {
      json.writeString(name);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("results");
    for (FeatureVector column : response.results()) {
      json.writeStartObject();
      json.writeArrayFieldStart("values");
      for (FeatureValue entry : column.entries()) {
        writeValue(json, entry.value());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("statuses");
      for (FeatureValue entry : column.entries()) {
        json.writeString(STATUSES[entry.status().ordinal()]);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("event_timestamps");
      for (FeatureValue entry : column.entries()) {
        json.writeString(eventTimestamp(entry.eventTimeMicros()));
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * Writes {@code micros} into {@code out} exactly as {@link Instant#toString()} prints it (no
   * fraction, or 3 or 6 digits, then {@code Z}) and returns the length, or -1 outside years
   * 0000-9999, which {@code Instant} prints differently. {@code Instant.toString} went through a
   * formatter and three intermediate strings: on 100-row lookups it was a third of the server's time.
   */
  static int formatIso(long micros, char[] out) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    if (epochDay < -719_528 || epochDay > 2_932_896) { // 0000-01-01 .. 9999-12-31
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    int end = 19;
    if (fraction != 0) {
      out[end++] = '.';
      if (fraction % 1000 == 0) {
        digits(out, end, fraction / 1000, 3);
        end += 3;
      } else {
        digits(out, end, fraction, 6);
        end += 6;
      }
    }
    out[end++] = 'Z';
    return end;
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** {@code micros} (UTC microseconds) as ISO-8601, or {@link #NO_EVENT_TIMESTAMP}. */
  public static String eventTimestamp(long micros) {
    if (micros == FeatureValue.NO_EVENT_TIME) {
      return NO_EVENT_TIMESTAMP;
    }
    char[] text = new char[TIMESTAMP_CHARS];
    int length = formatIso(micros, text);
    return length >= 0 ? new String(text, 0, length)
        : Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L)
            .toString();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else {
      json.writeString(value.toString());
    }
  }

  /**
   * A growable UTF-8 byte array with JSON's escapes as Jackson writes them: {@code \\"} and
   * {@code \\\\}, {@code \\b \\t \\n \\f \\r}, other control characters as {@code \\u00XX}, everything
   * else as UTF-8 (a lone surrogate as {@code ?}, as {@link String#getBytes} does). Numbers as
   * Jackson writes them with its fast (Schubfach) double writer; NaN and infinities quoted.
   */
  private static final class CompactWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private byte[] bytes;
    private int count;

    CompactWriter(int size) {
      bytes = new byte[size];
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes, 0, count);
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }

    void ascii(char c) {
      ensure(1);
      bytes[count++] = (byte) c;
    }

    void ascii(String text) {
      int n = text.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        bytes[count++] = (byte) text.charAt(i);
      }
    }

    void ascii(char[] text, int length) {
      ensure(length);
      for (int i = 0; i < length; i++) {
        bytes[count++] = (byte) text[i];
      }
    }

    void value(Object value) {
      if (value == null) {
        ascii("null");
      } else if (value instanceof Long l) {
        ascii(Long.toString(l));
      } else if (value instanceof Integer i) {
        ascii(Integer.toString(i));
      } else if (value instanceof Double d) {
        number(d.isNaN() || d.isInfinite(), NumberOutput.toString(d, true));
      } else if (value instanceof Float f) {
        number(f.isNaN() || f.isInfinite(), NumberOutput.toString(f, true));
      } else if (value instanceof Boolean b) {
        ascii(b ? "true" : "false");
      } else {
        string(value.toString());
      }
    }

    private void number(boolean quoted, String text) {
      if (quoted) {
        ascii('"');
      }
      ascii(text);
      if (quoted) {
        ascii('"');
      }
    }

    void string(String text) {
      int n = text.length();
      ensure(n + 2);
      bytes[count++] = '"';
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          ensure(1);
          bytes[count++] = (byte) c;
        } else if (c < 0x80) {
          escape(c);
        } else if (c < 0x800) {
          ensure(2);
          bytes[count++] = (byte) (0xC0 | (c >> 6));
          bytes[count++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          int code = Character.toCodePoint(c, text.charAt(++i));
          ensure(4);
          bytes[count++] = (byte) (0xF0 | (code >> 18));
          bytes[count++] = (byte) (0x80 | ((code >> 12) & 0x3F));
          bytes[count++] = (byte) (0x80 | ((code >> 6) & 0x3F));
          bytes[count++] = (byte) (0x80 | (code & 0x3F));
        } else if (Character.isSurrogate(c)) {
          ensure(1);
          bytes[count++] = '?';
        } else {
          ensure(3);
          bytes[count++] = (byte) (0xE0 | (c >> 12));
          bytes[count++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          bytes[count++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      ensure(1);
      bytes[count++] = '"';
    }

    private void escape(char c) {
      ensure(6);
      bytes[count++] = '\\';
      switch (c) {
        case '"' -> bytes[count++] = '"';
        case '\\' -> bytes[count++] = '\\';
        case '\b' -> bytes[count++] = 'b';
        case '\t' -> bytes[count++] = 't';
        case '\n' -> bytes[count++] = 'n';
        case '\f' -> bytes[count++] = 'f';
        case '\r' -> bytes[count++] = 'r';
        default -> {
          bytes[count++] = 'u';
          bytes[count++] = '0';
          bytes[count++] = '0';
          bytes[count++] = HEX[c >> 4];
          bytes[count++] = HEX[c & 0xF];
        }
      }
    }
  }
}
