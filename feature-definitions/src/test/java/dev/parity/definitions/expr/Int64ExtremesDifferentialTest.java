package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every function and operator that takes an int64 or a timestamp, with {@code -2^63}, {@code
 * 2^63 - 1}, {@code -1}, {@code 0} and null in each such argument (every combination), as column
 * values and as literals (constant-folded): the row-wise and the vectorized evaluator, and the
 * folded form, must agree bit for bit, and evaluation must never throw. The random differential
 * test rarely puts an extreme into a literal argument (substr's positions are small there).
 */
class Int64ExtremesDifferentialTest {
  private static final DataType I = DataType.INT64;
  private static final DataType F = DataType.FLOAT64;
  private static final DataType S = DataType.STRING;
  private static final DataType B = DataType.BOOL;
  private static final DataType T = DataType.TIMESTAMP;
  private static final List<Object> EXTREMES = Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, null);
  private static final Map<DataType, List<Object>> OTHERS = Map.of(
      F, Arrays.asList(Double.NaN, -0.0, Double.POSITIVE_INFINITY, -9.223372036854775808E18, 1.5, null),
      S, Arrays.asList("", "zz", "a\uD83D\uDE00b", "-9223372036854775808", null),
      B, Arrays.asList(true, false, null));

  /** {@code $0, $1, $2}: the arguments, of the types that follow. */
  private record Template(String text, DataType... args) {}

  private static final List<Template> TEMPLATES = List.of(
      new Template("$0 + $1", I, I), new Template("$0 - $1", I, I), new Template("$0 * $1", I, I),
      new Template("$0 / $1", I, I), new Template("$0 % $1", I, I), new Template("-$0", I),
      new Template("$0 + $1", I, F), new Template("$0 / $1", F, I), new Template("$0 % $1", I, F),
      new Template("$0 < $1", I, I), new Template("$0 = $1", I, F), new Template("$0 >= $1", T, T),
      new Template("$0 != $1", T, T),
      new Template("abs($0)", I), new Template("log($0)", I), new Template("log1p($0)", I),
      new Template("exp($0)", I), new Template("sqrt($0)", I), new Template("floor($0)", I),
      new Template("ceil($0)", I), new Template("round($0)", I), new Template("pow($0, $1)", I, I),
      new Template("pow($0, $1)", F, I), new Template("min($0, $1)", I, I), new Template("max($0, $1)", I, F),
      new Template("clip($0, $1, $2)", I, I, I), new Template("clip($0, $1, $2)", F, I, I),
      new Template("bucketize($0, [-9223372036854775808, -1, 0, 9223372036854775807])", I),
      new Template("hash_bucket(cast($0 as string), 9223372036854775807)", I),
      new Template("length(cast($0 as string))", I),
      new Template("concat(cast($0 as string), $1)", I, S),
      new Template("contains(cast($0 as string), $1)", I, S),
      new Template("starts_with(cast($0 as string), $1)", T, S),
      new Template("lower(cast($0 as string))", T), new Template("upper(cast($0 as string))", I),
      new Template("substr($0, $1)", S, I), new Template("substr($0, $1, $2)", S, I, I),
      new Template("cast($0 as int64)", I), new Template("cast($0 as float64)", I),
      new Template("cast($0 as string)", I), new Template("cast($0 as bool)", I),
      new Template("cast($0 as timestamp)", I), new Template("cast($0 as int64)", T),
      new Template("cast($0 as string)", T), new Template("cast($0 as timestamp)", T),
      new Template("hour_of_day($0)", T), new Template("day_of_week($0)", T),
      new Template("days_between($0, $1)", T, T),
      new Template("if($0, $1, $2)", B, I, I), new Template("coalesce($0, $1)", I, I),
      new Template("is_null($0)", I));

  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocator() {
    allocator.close(); // throws if anything leaked
  }

  @Test
  void everyFunctionAgreesOnBothPathsWithInt64ExtremesAsColumnsAndAsLiterals() {
    int checked = 0;
    for (Template template : TEMPLATES) {
      List<Object[]> rows = combinations(template.args());
      String overColumns = fill(template, null);
      CompiledExpression columns = compile(overColumns, template);
      List<Object[]> inputs = new ArrayList<>();
      List<Object> byRow = new ArrayList<>();
      for (Object[] row : rows) {
        inputs.add(rest(row, columns));
        byRow.add(columns.evaluateRow(inputs.get(inputs.size() - 1)));
      }
      assertSame(overColumns, rows, byRow, vectorized(columns, inputs));
      for (int r = 0; r < rows.size(); r++) {
        // Extremes as literals: folded at compile time (or not, for columns of other types), then
        // both evaluators again.
        String literal = fill(template, rows.get(r));
        CompiledExpression folded = compile(literal, template);
        Object[] rest = rest(rows.get(r), folded);
        Object row = folded.evaluateRow(rest);
        Object vector = vectorized(folded, List.<Object[]>of(rest)).get(0);
        assertSame(literal, List.<Object[]>of(rows.get(r)), Arrays.asList(byRow.get(r)), Arrays.asList(row));
        assertSame(literal, List.<Object[]>of(rows.get(r)), Arrays.asList(byRow.get(r)), Arrays.asList(vector));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  /** Every combination of the test values of {@code types}: extremes for int64 and timestamp slots. */
  private static List<Object[]> combinations(DataType[] types) {
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[0]);
    for (DataType type : types) {
      List<Object> values = type == I || type == T ? EXTREMES : OTHERS.get(type);
      List<Object[]> next = new ArrayList<>();
      for (Object[] prefix : out) {
        for (Object value : values) {
          Object[] row = Arrays.copyOf(prefix, prefix.length + 1);
          row[prefix.length] = value;
          next.add(row);
        }
      }
      out = next;
    }
    return out;
  }

  /** The template's text with columns {@code a0, a1...}, or with int64/timestamp slots as literals of {@code row}. */
  private static String fill(Template template, Object[] row) {
    String text = template.text();
    for (int k = 0; k < template.args().length; k++) {
      DataType type = template.args()[k];
      String argument = "a" + k;
      if (row != null && (type == I || type == T)) {
        Object value = row[k];
        argument = value == null ? "cast(null as " + type.yamlName() + ")"
            : type == T ? "cast(" + value + " as timestamp)" : "(" + value + ")";
      }
      text = text.replace("$" + k, argument);
    }
    return text;
  }

  private static CompiledExpression compile(String text, Template template) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (int k = 0; k < template.args().length; k++) {
      columns.put("a" + k, template.args()[k]);
    }
    try {
      return Expressions.compile(text, Scope.of(columns));
    } catch (ExpressionException e) {
      throw new AssertionError("does not compile: " + text + ": " + e.getMessage(), e);
    }
  }

  /** The values of {@code row} (by argument) for the inputs the compiled expression reads, in its input order. */
  private static Object[] rest(Object[] row, CompiledExpression compiled) {
    Object[] inputs = new Object[compiled.inputs().size()];
    for (int k = 0; k < inputs.length; k++) {
      inputs[k] = row[Integer.parseInt(compiled.inputs().get(k).substring(1))];
    }
    return inputs;
  }

  /** The vectorized results over {@code rows}, each in the expression's input order. */
  private List<Object> vectorized(CompiledExpression compiled, List<Object[]> rows) {
    List<FieldVector> inputs = new ArrayList<>();
    try {
      for (int k = 0; k < compiled.inputs().size(); k++) {
        List<Object> column = new ArrayList<>();
        for (Object[] row : rows) {
          column.add(row[k]);
        }
        inputs.add(ExprTestSupport.vector(compiled.inputTypes().get(k), compiled.inputs().get(k), column, allocator));
      }
      try (FieldVector out = compiled.evaluateVectors(inputs, rows.size(), allocator)) {
        List<Object> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
          values.add(ExprTestSupport.get(out, r));
        }
        return values;
      }
    } finally {
      inputs.forEach(FieldVector::close);
    }
  }

  private static void assertSame(String expression, List<Object[]> rows, List<Object> expected, List<Object> actual) {
    for (int r = 0; r < rows.size(); r++) {
      if (!ExprTestSupport.key(expected.get(r)).equals(ExprTestSupport.key(actual.get(r)))) {
        fail("%s with %s: row-wise over columns %s, here %s", expression, Arrays.toString(rows.get(r)),
            ExprTestSupport.key(expected.get(r)), ExprTestSupport.key(actual.get(r)));
      }
    }
  }
}
