package dev.parity.online;

import dev.parity.definitions.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keys and values of one view, with the checks that make a bad key or value an {@link
 * OnlineRequestException} naming view, column and row. Immutable; encoding methods take the
 * caller's {@link ByteSink}, so one codec serves all threads.
 */
final class ViewCodec {
  private static final long MAX_EXPIRY_MILLIS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z

  final OnlineView view;
  final byte[] fingerprint;
  final long ttlMicros;
  private final byte[] keyPrefix;
  private final byte[] keySuffix;

  ViewCodec(byte[] projectPrefix, OnlineView view) {
    this.view = view;
    this.fingerprint = RedisLayout.fingerprint(view);
    this.ttlMicros = saturatedMicros(view);
    this.keyPrefix = projectPrefix;
    this.keySuffix = ("}" + view.name()).getBytes(StandardCharsets.UTF_8);
  }

  byte[] keyForWrite(ByteSink sink, List<Object> values, int row) {
    List<KeyColumn> keys = view.joinKeys();
    if (values.size() != keys.size()) {
      throw new OnlineRequestException("row " + row + " of view " + view.name() + " has " + values.size()
          + " join key values, the view has " + keys.size() + " " + names(keys));
    }
    sink.reset();
    sink.put(keyPrefix);
    for (int i = 0; i < keys.size(); i++) {
      KeyColumn key = keys.get(i);
      Object value = values.get(i);
      checkKey(key, value, row);
      RedisLayout.appendKeyValue(sink, key.type(), value);
    }
    sink.put(keySuffix);
    return sink.toByteArray();
  }

  byte[] keyForRead(ByteSink sink, EntityRow entity, int row) {
    sink.reset();
    sink.put(keyPrefix);
    for (KeyColumn key : view.joinKeys()) {
      Object value = entity.keys().get(key.name());
      checkKey(key, value, row);
      RedisLayout.appendKeyValue(sink, key.type(), value);
    }
    sink.put(keySuffix);
    return sink.toByteArray();
  }

  byte[] encode(ByteSink sink, OnlineRow row, int index) {
    List<FeatureColumn> features = view.features();
    if (row.featureValues().size() != features.size()) {
      throw new OnlineRequestException("row " + index + " of view " + view.name() + " has "
          + row.featureValues().size() + " feature values, the view has " + features.size());
    }
    for (int i = 0; i < features.size(); i++) {
      Object value = row.featureValues().get(i);
      if (value != null && !fits(features.get(i).type(), value)) {
        throw new OnlineRequestException("feature " + view.name() + ":" + features.get(i).name() + " is "
            + features.get(i).type() + " but row " + index + " has " + describe(value));
      }
    }
    return RedisLayout.encodeValue(sink, fingerprint, row.eventTimeMicros(), row.createdTimeMicros(),
        features, row.featureValues());
  }

  /** Redis expiry of a row with this event time, as PXAT milliseconds, or "0" for none. */
  String expireAtMillis(long eventTimeMicros, long graceMicros) {
    if (!view.hasTtl()) {
      return "0";
    }
    long expireMicros = saturatedAdd(saturatedAdd(eventTimeMicros, ttlMicros), graceMicros);
    long millis = Math.floorDiv(expireMicros, 1000L);
    // PXAT needs a positive time; 1 (long past) makes Redis drop the key at once.
    return Long.toString(Math.max(1L, Math.min(millis, MAX_EXPIRY_MILLIS)));
  }

  private void checkKey(KeyColumn key, Object value, int row) {
    if (value == null) {
      throw new OnlineRequestException("entity row " + row + " has no value for join key " + key.name()
          + " of view " + view.name());
    }
    if (!fits(key.type(), value)) {
      throw new OnlineRequestException("join key " + key.name() + " of view " + view.name() + " is " + key.type()
          + " but entity row " + row + " has " + describe(value));
    }
  }

  static boolean fits(DataType type, Object value) {
    return switch (type) {
      case BOOL -> value instanceof Boolean;
      case INT64, TIMESTAMP -> value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte;
      case FLOAT64 -> value instanceof Double || value instanceof Float;
      case STRING -> value instanceof String;
    };
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    return value.getClass().getSimpleName() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static String names(List<KeyColumn> keys) {
    return keys.stream().map(KeyColumn::name).toList().toString();
  }

  private static long saturatedMicros(OnlineView view) {
    try {
      return Math.multiplyExact(view.ttl().getSeconds(), 1_000_000L) + view.ttl().getNano() / 1000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow happened iff both operands have the sign opposite to the sum's.
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
