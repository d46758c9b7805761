package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parity.definitions.DataType;
import java.util.Arrays;
import java.util.List;

/** Leaves of the tree: constants and input references. */
final class Leaf {
  private Leaf() {}

  /** A constant; {@code value} is null, Boolean, Long (int64, timestamp), Double or byte[] (UTF-8). */
  static final class Lit extends Node {
    final Object value;

    Lit(DataType type, Object value) {
      super(type);
      this.value = value;
    }

    boolean isNull() {
      return value == null;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      if (value == null) {
        f.isNull = true;
        return 0;
      }
      return (Long) value;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      if (value == null) {
        f.isNull = true;
        return 0;
      }
      return (Double) value;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      if (value == null) {
        f.isNull = true;
        return false;
      }
      return (Boolean) value;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      if (value == null) {
        f.isNull = true;
        return null;
      }
      return (byte[]) value;
    }

    @Override
    Vec evalBatch(Batch batch) {
      int n = batch.n();
      Vec v;
      switch (type) {
        case BOOL:
          v = Vec.bools(n);
          if (value != null) {
            Arrays.fill(v.bools, (Boolean) value);
          }
          break;
        case INT64:
        case TIMESTAMP:
          v = Vec.longs(n);
          if (value != null) {
            Arrays.fill(v.longs, (Long) value);
          }
          break;
        case FLOAT64:
          v = Vec.doubles(n);
          if (value != null) {
            Arrays.fill(v.doubles, (Double) value);
          }
          break;
        default:
          v = Vec.strings(n);
          byte[] s = value == null ? new byte[0] : (byte[]) value;
          Utf8Builder b = new Utf8Builder((int) Math.min(Integer.MAX_VALUE / 2, (long) s.length * n));
          for (int i = 0; i < n; i++) {
            b.append(s, 0, s.length);
            v.offsets[i + 1] = b.length;
          }
          v.finishStrings(b);
          break;
      }
      if (value == null) {
        Arrays.fill(v.nulls, true);
      }
      return v;
    }

    @Override
    void print(StringBuilder sb) {
      if (value == null) {
        sb.append("cast(null as ").append(type.yamlName()).append(')');
        return;
      }
      switch (type) {
        case FLOAT64:
          double d = (Double) value;
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("cast('").append(d).append("' as float64)");
          } else {
            sb.append(d);
          }
          break;
        case STRING:
          quote(new String((byte[]) value, UTF_8), sb);
          break;
        case TIMESTAMP:
          Utf8Builder b = new Utf8Builder(32);
          StringKernels.fromTimestamp((Long) value, b);
          sb.append("cast('").append(new String(b.buf, 0, b.length, UTF_8)).append("' as timestamp)");
          break;
        default:
          sb.append(value);
          break;
      }
    }

    static void quote(String s, StringBuilder sb) {
      sb.append('\'');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\':
            sb.append("\\\\");
            break;
          case '\'':
            sb.append("\\'");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '\t':
            sb.append("\\t");
            break;
          case '\r':
            sb.append("\\r");
            break;
          default:
            if (c < 0x20 || c == 0x7f) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
        }
      }
      sb.append('\'');
    }

    @Override
    List<Node> children() {
      return List.of();
    }
  }

  /** The value of input slot {@code slot} (named {@code name}). */
  static final class Ref extends Node {
    final String name;
    final int slot;

    Ref(DataType type, String name, int slot) {
      super(type);
      this.name = name;
      this.slot = slot;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      Object v = row[slot];
      if (v == null) {
        f.isNull = true;
        return 0;
      }
      return (Long) v;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      Object v = row[slot];
      if (v == null) {
        f.isNull = true;
        return 0;
      }
      return (Double) v;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      Object v = row[slot];
      if (v == null) {
        f.isNull = true;
        return false;
      }
      return (Boolean) v;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      Object v = row[slot];
      if (v == null) {
        f.isNull = true;
        return null;
      }
      return (byte[]) v;
    }

    @Override
    Vec evalBatch(Batch batch) {
      return batch.inputs()[slot];
    }

    @Override
    void print(StringBuilder sb) {
      sb.append(name);
    }

    @Override
    List<Node> children() {
      return List.of();
    }
  }
}
