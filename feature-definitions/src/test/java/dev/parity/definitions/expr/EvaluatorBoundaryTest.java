package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Object[] and Arrow boundaries: metadata, input checks, result vectors, no leaks. */
class EvaluatorBoundaryTest {
  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocator() {
    allocator.close(); // throws if anything leaked
  }

  private static CompiledExpression compile(String text) {
    return Expressions.compile(text, ExprTestSupport.SCOPE);
  }

  @Test
  void describesInputsInOrderOfFirstAppearanceWithTheirTypes() {
    CompiledExpression e = compile("concat(s, cast(i as string), s, cast(ts as string))");
    assertThat(e.inputs()).containsExactly("s", "i", "ts");
    assertThat(e.inputTypes()).containsExactly(DataType.STRING, DataType.INT64, DataType.TIMESTAMP);
    assertThat(e.type()).isEqualTo(DataType.STRING);
    assertThat(e.source()).isEqualTo("concat(s, cast(i as string), s, cast(ts as string))");
  }

  @Test
  void rejectsRowsOfTheWrongShapeOrJavaTypeNamingTheInput() {
    CompiledExpression e = compile("i + x");
    assertThatThrownBy(() -> e.evaluateRow(new Object[] {1L})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[i, x]");
    assertThatThrownBy(() -> e.evaluateRow(new Object[] {"1", 2.0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input 'i' is int64 and needs a Long, got String");
  }

  @Test
  void doesNotModifyTheCallersRow() {
    Object[] row = {3, "abc"};
    Object[] before = row.clone();
    assertThat(Expressions.compile("i + length(s)", ExprTestSupport.SCOPE).evaluateRow(row)).isEqualTo(6L);
    assertThat(Arrays.equals(row, before)).isTrue();
  }

  @Test
  void rejectsVectorsOfTheWrongClassOrLengthWithoutLeaking() {
    CompiledExpression e = compile("x * 2");
    try (FieldVector wrong = ExprTestSupport.vector(DataType.INT64, "x", List.of(1L), allocator);
        FieldVector shortVector = ExprTestSupport.vector(DataType.FLOAT64, "x", List.of(1.0), allocator)) {
      assertThatThrownBy(() -> e.evaluateVectors(List.of(wrong), 1, allocator))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'x' is float64 and needs a Float8Vector, got BigIntVector");
      assertThatThrownBy(() -> e.evaluateVectors(List.of(shortVector), 2, allocator))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fewer than rowCount 2");
      assertThatThrownBy(() -> e.evaluateVectors(List.of(), 1, allocator)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void evaluatesEmptyBatchesOfNeverAllocatedVectors() {
    CompiledExpression e = compile("concat(s, cast(i as string), cast(b as string), cast(x + 1 as string))");
    List<FieldVector> inputs =
        List.of(
            new org.apache.arrow.vector.VarCharVector("s", allocator),
            new org.apache.arrow.vector.BigIntVector("i", allocator),
            new org.apache.arrow.vector.BitVector("b", allocator),
            new org.apache.arrow.vector.Float8Vector("x", allocator));
    try (FieldVector out = e.evaluateVectors(inputs, 0, allocator)) {
      assertThat(out.getValueCount()).isZero();
    } finally {
      inputs.forEach(FieldVector::close);
    }
  }

  @Test
  void constantExpressionsFillEveryRow() {
    CompiledExpression e = compile("concat('a', 'b')");
    assertThat(e.inputs()).isEmpty();
    try (FieldVector out = e.evaluateVectors(List.of(), 3, allocator)) {
      assertThat(out.getValueCount()).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        assertThat(ExprTestSupport.get(out, i)).isEqualTo("ab");
      }
    }
  }

  @Test
  void timestampResultsAreUtcMicrosecondVectors() {
    CompiledExpression e = compile("cast(i as timestamp)");
    try (FieldVector in = ExprTestSupport.vector(DataType.INT64, "i", Arrays.asList(5L, null), allocator);
        FieldVector out = e.evaluateVectors(List.of(in), 2, allocator)) {
      assertThat(out).isInstanceOf(TimeStampMicroTZVector.class);
      assertThat(((ArrowType.Timestamp) out.getField().getType()).getTimezone()).isEqualTo("UTC");
      assertThat(out.getField().getName()).isEqualTo("result");
      assertThat(ExprTestSupport.get(out, 0)).isEqualTo(5L);
      assertThat(out.isNull(1)).isTrue();
    }
  }

  @Test
  void compiledExpressionsAreSafeToShareBetweenThreads() throws Exception {
    CompiledExpression e = compile("hash_bucket(concat(s, cast(i as string)), 97)");
    Thread[] threads = new Thread[4];
    long[] mismatches = new long[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                for (long i = 0; i < 20_000; i++) {
                  Object expected = StringKernels.hashBucket(("k" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, ("k" + i).length(), 97);
                  if (!expected.equals(e.evaluateRow(new Object[] {"k", i}))) {
                    mismatches[id]++;
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(mismatches).containsOnly(0L);
  }
}
