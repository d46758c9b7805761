package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Random well-typed expressions over random inputs full of edge cases, evaluated row by row and
 * over Arrow vectors: the two results must be identical bit for bit, nulls included.
 */
class ExpressionDifferentialTest {
  private static final long SEED = Long.getLong("parity.expr.seed", 20260131L);
  private static final int EXPRESSIONS = 2000;
  private static final int[] FIXED_BATCH_SIZES = {0, 1};

  @Test
  void rowAndVectorEvaluationAgreeBitForBit() {
    RandomExpressions gen = new RandomExpressions(SEED);
    int cases = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int e = 0; e < EXPRESSIONS; e++) {
        String text = gen.expression(gen.anyType(), 1 + gen.nextInt(4));
        CompiledExpression expr = compile(text);
        int[] sizes = {FIXED_BATCH_SIZES[e % 2], 2 + gen.nextInt(64), 1 + gen.nextInt(700)};
        for (int n : sizes) {
          checkBatch(expr, gen, n, allocator, e);
          cases++;
        }
      }
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
    assertThat(cases).isGreaterThanOrEqualTo(5000);
  }

  private static CompiledExpression compile(String text) {
    try {
      return Expressions.compile(text, ExprTestSupport.SCOPE);
    } catch (ExpressionException ex) {
      throw new AssertionError("seed " + SEED + ": generated expression does not compile: " + text + "\n" + ex.getMessage(), ex);
    }
  }

  private static void checkBatch(CompiledExpression expr, RandomExpressions gen, int n, BufferAllocator allocator, int index) {
    int width = expr.inputs().size();
    List<List<Object>> columns = new ArrayList<>();
    for (int k = 0; k < width; k++) {
      List<Object> col = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        col.add(gen.value(expr.inputTypes().get(k)));
      }
      columns.add(col);
    }
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int k = 0; k < width; k++) {
        vectors.add(ExprTestSupport.vector(expr.inputTypes().get(k), expr.inputs().get(k), columns.get(k), allocator));
      }
      try (FieldVector out = expr.evaluateVectors(vectors, n, allocator)) {
        assertThat(out.getValueCount()).isEqualTo(n);
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[width];
          for (int k = 0; k < width; k++) {
            row[k] = columns.get(k).get(r);
          }
          Object expected = expr.evaluateRow(row);
          Object actual = ExprTestSupport.get(out, r);
          if (!ExprTestSupport.key(expected).equals(ExprTestSupport.key(actual))) {
            fail(
                "row and vector results differ (seed %d, expression #%d, batch size %d, row %d)%n  expression: %s%n"
                    + "  canonical:  %s%n  inputs %s = %s%n  row:    %s%n  vector: %s",
                SEED, index, n, r, expr.source(), expr.canonical(), expr.inputs(), Arrays.deepToString(row),
                ExprTestSupport.key(expected), ExprTestSupport.key(actual));
          }
        }
      }
    } finally {
      vectors.forEach(FieldVector::close);
    }
  }

  @Test
  void rowResultsMatchHandComputedValues() {
    Object[][] cases = {
      {"log1p(x) * 2", new Object[] {"x", 0.0}, 0.0},
      {"if(i > 3, i * 10, -1)", new Object[] {"i", 4L}, 40L},
      {"coalesce(x, 1.5) + i", new Object[] {"x", null, "i", 2L}, 3.5},
      {"clip(x, 0, 1)", new Object[] {"x", 7.0}, 1.0},
      {"bucketize(x, [1, 2, 3])", new Object[] {"x", 2.0}, 2L},
      {"concat(lower(s), '_', cast(i as string))", new Object[] {"s", "AB", "i", -3L}, "ab_-3"},
      {"hour_of_day(ts)", new Object[] {"ts", 1_769_817_600_000_000L + 5 * 3_600_000_000L}, 5L},
      {"i % j + i / j", new Object[] {"i", 7L, "j", 2L}, 4.5},
      {"substr(s, 2, 3)", new Object[] {"s", "abcdef"}, "bcd"},
      {"not (b or c) and true", new Object[] {"b", false, "c", false}, true},
      {"hash_bucket(s, 100)", new Object[] {"s", "hello"}, 51L}, // 613153351 % 100
      {"round(x * 10) / 10", new Object[] {"x", 1.25}, 1.3},
    };
    for (Object[] c : cases) {
      assertThat(ExprTestSupport.eval((String) c[0], (Object[]) c[1])).as((String) c[0]).isEqualTo(c[2]);
    }
  }
}
