package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Leaf.Lit;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** The compiled form: a folded, typed node tree shared by both evaluators. Immutable. */
final class Compiled implements CompiledExpression {
  private final String source;
  private final Node root;
  private final List<String> inputs;
  private final List<DataType> inputTypes;
  private final String canonical;

  Compiled(String source, Node root, List<String> inputs, List<DataType> inputTypes) {
    this.source = source;
    this.root = root;
    this.inputs = List.copyOf(inputs);
    this.inputTypes = List.copyOf(inputTypes);
    this.canonical = root.toString();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public DataType type() {
    return root.type;
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public List<DataType> inputTypes() {
    return inputTypes;
  }

  @Override
  public String canonical() {
    return canonical;
  }

  /** True if the expression folded to a constant (it reads no inputs). */
  boolean isConstant() {
    return root instanceof Lit;
  }

  @Override
  public Object evaluateRow(Object[] values) {
    Objects.requireNonNull(values, "inputs is null");
    if (values.length != inputs.size()) {
      throw new IllegalArgumentException("expected " + inputs.size() + " inputs " + inputs + ", got " + values.length);
    }
    Object[] row = values.clone(); // never write into the caller's array
    for (int i = 0; i < row.length; i++) {
      row[i] = RowValues.toInternal(row[i], inputTypes.get(i), inputs.get(i));
    }
    Object v = root.evalBoxed(row);
    if (v instanceof Double d && d.isNaN()) {
      return Double.NaN; // one NaN bit pattern on both paths: see ArrowColumns.write
    }
    return v instanceof byte[] ? new String((byte[]) v, UTF_8) : v;
  }

  @Override
  public FieldVector evaluateVectors(List<? extends FieldVector> vectors, int rowCount, BufferAllocator allocator) {
    Objects.requireNonNull(vectors, "inputs is null");
    Objects.requireNonNull(allocator, "allocator is null");
    if (vectors.size() != inputs.size()) {
      throw new IllegalArgumentException("expected " + inputs.size() + " input vectors " + inputs + ", got " + vectors.size());
    }
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount is negative: " + rowCount);
    }
    Vec[] columns = new Vec[vectors.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = ArrowColumns.read(vectors.get(i), inputTypes.get(i), rowCount, inputs.get(i));
    }
    Vec result = root.evalBatch(new Batch(rowCount, columns));
    return ArrowColumns.write(result, root.type, rowCount, allocator, "result");
  }

  @Override
  public String toString() {
    return canonical;
  }
}
