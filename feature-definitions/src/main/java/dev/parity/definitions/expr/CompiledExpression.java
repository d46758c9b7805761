package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * An expression parsed, type-checked and constant-folded once; the single compiled form both the
 * online path (row by row) and the offline path (over Arrow vectors) execute. The two evaluators
 * give bitwise-identical results for the same inputs, nulls included.
 *
 * <p>Value representation on the row path (inputs and result): {@code null}, {@link Boolean},
 * {@link Long} (int64 and timestamp as UTC epoch microseconds), {@link Double}, {@link String}.
 * Vector types: {@code BitVector}, {@code BigIntVector}, {@code Float8Vector}, {@code
 * VarCharVector}, {@code TimeStampMicroTZVector} (zone "UTC").
 *
 * <p>Instances are immutable and thread-safe.
 */
public interface CompiledExpression {
  /** The expression text as written. */
  String source();

  /** The result type. */
  DataType type();

  /** Names the expression reads, in slot order: the i-th input of both evaluators. */
  List<String> inputs();

  /** Types of {@link #inputs()}, same order. */
  List<DataType> inputTypes();

  /**
   * Canonical text after parsing and constant folding: independent of whitespace, redundant
   * parentheses and literal spelling; any semantic change changes it. Used for versions. Input
   * types show only where they change the computation (promotions print as casts); a version
   * that must change when a column's declared type changes should hash {@link #inputTypes()} too.
   */
  String canonical();

  /**
   * Evaluates one row; {@code inputs[i]} is the value of {@code inputs().get(i)}. Never fails on
   * values (division by zero, overflow, failed casts give null); the array is not modified.
   *
   * @throws IllegalArgumentException if the array length or a value's Java type does not match
   */
  Object evaluateRow(Object[] inputs);

  /**
   * Evaluates {@code rowCount} rows; {@code inputs.get(i)} holds {@code inputs().get(i)}. The
   * result is a new vector of {@link #type()}, owned by the caller, allocated from {@code
   * allocator}, named "result". Intermediate columns live on the Java heap.
   *
   * @throws IllegalArgumentException if the number, vector classes or lengths of the inputs do
   *     not match {@link #inputs()}, {@link #inputTypes()} and {@code rowCount}
   */
  FieldVector evaluateVectors(List<? extends FieldVector> inputs, int rowCount, BufferAllocator allocator);
}
