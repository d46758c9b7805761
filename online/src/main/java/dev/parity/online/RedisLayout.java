package dev.parity.online;

import dev.parity.definitions.DataType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Redis key and value layout, in one place (see {@code online/KEY-LAYOUT.md} for the
 * reasoning). One Redis string per (entity, view):
 *
 * <pre>
 * key   = project ":" "{" entityKey "}" viewName
 * value = format(1) eventTime(8) createdTime(8) fingerprint(8) nullBitmap(ceil(n/8)) values...
 * </pre>
 *
 * Times are big-endian with the sign bit flipped, so comparing the bytes as unsigned is
 * comparing the signed numbers: the write script orders rows with a byte loop, without parsing
 * numbers (Lua 5.1 numbers are doubles) or locale-dependent string comparison.
 */
final class RedisLayout {
  static final byte FORMAT = 1;
  static final int EVENT_TIME_OFFSET = 1;
  static final int CREATED_TIME_OFFSET = 9;
  static final int FINGERPRINT_OFFSET = 17;
  static final int FINGERPRINT_LENGTH = 8;
  static final int HEADER_LENGTH = 25;

  // One 8-byte load instead of a loop of eight (JDK 17's C2 does not merge byte loads): the
  // lookup path decodes every stored long and double through here.
  private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_.-]+");

  /**
   * Newer-wins write of one (entity, view) value, atomic because Redis runs a script alone.
   * KEYS[1] the key, ARGV[1] the encoded value, ARGV[2] expiry in epoch milliseconds or "0".
   * A stored value of another format or fingerprint (definition version) is replaced: the writer's
   * definition is the current one. Otherwise the new value wins when its bytes after the format
   * byte compare greater: event time, then created time, then (both equal) the encoded values, a
   * deterministic tie-break that makes the result independent of write order. Equal bytes: no-op.
   * Returns 1 when written, 0 when kept out.
   */
  static final String WRITE_SCRIPT = String.join("\n",
      "local new = ARGV[1]",
      "local old = redis.call('GET', KEYS[1])",
      "if old and string.byte(old, 1) == string.byte(new, 1)",
      "    and string.sub(old, 18, 25) == string.sub(new, 18, 25) then",
      "  local n = math.min(#old, #new)",
      "  local c = 0",
      "  for i = 2, n do",
      "    local a, b = string.byte(old, i), string.byte(new, i)",
      "    if a ~= b then",
      "      if b > a then c = 1 else c = -1 end",
      "      break",
      "    end",
      "  end",
      "  if c == 0 and #new > #old then c = 1 end",
      "  if c <= 0 then return 0 end",
      "end",
      "if ARGV[2] == '0' then",
      "  redis.call('SET', KEYS[1], new)",
      "else",
      "  redis.call('SET', KEYS[1], new, 'PXAT', ARGV[2])",
      "end",
      "return 1");

  private RedisLayout() {}

  /** The key prefix of a project; project names are restricted so they cannot open a hash tag. */
  static byte[] projectPrefix(String project) {
    if (!PROJECT.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "project name " + project + " must match " + PROJECT.pattern() + " (it prefixes Redis keys)");
    }
    return (project + ":{").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * First 8 bytes of SHA-256 over the view's version and schema: a value written under another
   * version, or with other columns, never decodes as the current one.
   */
  static byte[] fingerprint(OnlineView view) {
    StringBuilder canonical = new StringBuilder("parity-online-v1\0").append(view.version()).append('\0');
    view.joinKeys().forEach(k -> canonical.append(k.name()).append(':').append(k.type().yamlName()).append(';'));
    canonical.append('\0');
    view.features().forEach(f -> canonical.append(f.name()).append(':').append(f.type().yamlName()).append(';'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      byte[] fingerprint = new byte[FINGERPRINT_LENGTH];
      System.arraycopy(digest, 0, fingerprint, 0, FINGERPRINT_LENGTH);
      return fingerprint;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Appends the key bytes of one entity: fixed 8 bytes for int64/timestamp, 1 for bool, varint length + UTF-8 for strings. */
  static void appendKeyValue(ByteSink sink, DataType type, Object value) {
    switch (type) {
      case INT64, TIMESTAMP -> sink.putLong(((Number) value).longValue());
      case BOOL -> sink.put((byte) (((Boolean) value) ? 1 : 0));
      case STRING -> sink.putString((String) value);
      case FLOAT64 -> throw new IllegalStateException("float64 join keys are rejected by KeyColumn");
    }
  }

  /** Encodes a row's value: header, null bitmap and the non-null values in view order. */
  static byte[] encodeValue(ByteSink sink, byte[] fingerprint, long eventTime, long createdTime,
      List<FeatureColumn> features, List<Object> values) {
    sink.reset();
    sink.put(FORMAT);
    sink.putLong(eventTime ^ Long.MIN_VALUE);
    sink.putLong(createdTime ^ Long.MIN_VALUE);
    sink.put(fingerprint);
    int n = features.size();
    int bitmap = sink.position();
    sink.skip((n + 7) / 8);
    for (int i = 0; i < n; i++) {
      Object value = values.get(i);
      if (value == null) {
        sink.setBit(bitmap, i);
        continue;
      }
      switch (features.get(i).type()) {
        case BOOL -> sink.put((byte) (((Boolean) value) ? 1 : 0));
        case INT64, TIMESTAMP -> sink.putLong(((Number) value).longValue());
        case FLOAT64 -> sink.putLong(Double.doubleToRawLongBits(((Number) value).doubleValue()));
        case STRING -> sink.putString((String) value);
      }
    }
    return sink.toByteArray();
  }

  static long eventTime(byte[] value) {
    return readLong(value, EVENT_TIME_OFFSET) ^ Long.MIN_VALUE;
  }

  static long createdTime(byte[] value) {
    return readLong(value, CREATED_TIME_OFFSET) ^ Long.MIN_VALUE;
  }

  /** Whether {@code value} was written in this format under this fingerprint. */
  static boolean isCurrent(byte[] value, byte[] fingerprint) {
    if (value.length < HEADER_LENGTH || value[0] != FORMAT) {
      return false;
    }
    for (int i = 0; i < FINGERPRINT_LENGTH; i++) {
      if (value[FINGERPRINT_OFFSET + i] != fingerprint[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the features whose {@code wanted[i]} is true into {@code out[i]} ({@code null} for a
   * null value); others are skipped without allocating. Only call on a current value.
   */
  static void decodeValues(byte[] value, List<FeatureColumn> features, boolean[] wanted, Object[] out) {
    int n = features.size();
    int pos = HEADER_LENGTH + (n + 7) / 8;
    for (int i = 0; i < n; i++) {
      if ((value[HEADER_LENGTH + (i >>> 3)] & (1 << (i & 7))) != 0) {
        out[i] = null;
        continue;
      }
      switch (features.get(i).type()) {
        case BOOL -> {
          if (wanted[i]) {
            out[i] = value[pos] != 0;
          }
          pos += 1;
        }
        case INT64, TIMESTAMP -> {
          if (wanted[i]) {
            out[i] = readLong(value, pos);
          }
          pos += 8;
        }
        case FLOAT64 -> {
          if (wanted[i]) {
            out[i] = Double.longBitsToDouble(readLong(value, pos));
          }
          pos += 8;
        }
        case STRING -> {
          int length = 0;
          int shift = 0;
          byte b;
          do {
            b = value[pos++];
            length |= (b & 0x7f) << shift;
            shift += 7;
          } while (b < 0);
          if (wanted[i]) {
            out[i] = new String(value, pos, length, StandardCharsets.UTF_8);
          }
          pos += length;
        }
      }
    }
  }

  static long readLong(byte[] bytes, int offset) {
    return (long) BIG_ENDIAN_LONG.get(bytes, offset);
  }
}
