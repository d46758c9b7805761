package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Syntax and type errors: a clear reason and the offset where the problem starts. */
class ExpressionErrorsTest {
  private static ExpressionException error(String text) {
    ExpressionException e =
        catchThrowableOfType(() -> Expressions.compile(text, ExprTestSupport.SCOPE), ExpressionException.class);
    assertThat(e).as("error for %s", text).isNotNull();
    return e;
  }

  private static void assertError(String text, int offset, String reason) {
    ExpressionException e = error(text);
    assertThat(e.reason()).as(text).isEqualTo(reason);
    assertThat(e.offset()).as(text).isEqualTo(offset);
    assertThat(e.getMessage()).isEqualTo("column " + (offset + 1) + ": " + reason);
  }

  @Test
  void reportsUnknownColumnsAndFunctionsWithSuggestion() {
    assertError("fare_x + 1", 0, "unknown column 'fare_x'");
    assertError("1 + lg(x)", 4, "unknown function 'lg' (did you mean 'log'?)");
    assertError("frobnicate(x)", 0, "unknown function 'frobnicate'");
    assertError("I + 1", 0, "unknown column 'I'");
  }

  @Test
  void reportsTypeMismatchesAtTheOperatorOrArgument() {
    assertError("log(s)", 4, "function 'log' expects a number, got string");
    assertError("x + s", 2, "operator '+' expects numbers, got string (use concat for strings)");
    assertError("if(i, 1, 2)", 3, "function 'if' expects a bool condition, got int64");
    assertError("if(b, 1, 'a')", 0, "function 'if' needs operands of one type, got int64 and string");
    assertError("s = i", 2, "operator '=' needs operands of one type, got string and int64");
    assertError("b and i", 2, "operator 'and' expects bools, got int64");
    assertError("cast(x as timestamp)", 0, "cannot cast float64 to timestamp (go through int64)");
    assertError("hash_bucket(s, j)", 15, "function 'hash_bucket' expects a positive int64 constant bucket count");
    assertError("hash_bucket(s, 0)", 15, "function 'hash_bucket' expects a positive int64 constant bucket count");
    assertError("bucketize(x, [2, 1])", 17, "bucketize boundaries must be strictly increasing");
    assertError("bucketize(x, [i])", 14, "bucketize boundaries must be constant numbers");
    assertError("bucketize(x, 3)", 13, "function 'bucketize' expects a non-empty list of boundaries [b1, b2, ...]");
    assertError("substr(s)", 0, "function 'substr' expects 2 or 3 arguments, got 1");
    assertError("[1, 2]", 0, "a list [...] is only allowed as the second argument of bucketize");
    assertError("null", 0, "cannot infer the type of null: write cast(null as <type>)");
    assertError("null + null", 5, "cannot infer the type of null on both sides of '+': write cast(null as <type>)");
  }

  @Test
  void reportsSyntaxErrorsWithOffsets() {
    assertError("1 +", 3, "expected a value, got end of expression");
    assertError("(x + 1", 6, "expected ')', got end of expression");
    assertError("x y", 2, "unexpected 'y' (expected an operator or end of expression)");
    assertError("'abc", 0, "unterminated string literal");
    assertError("'a\\q'", 2, "unknown escape '\\q'");
    assertError("x + .5", 4, "a number must start with a digit (write 0.5, not .5)");
    assertError("1.", 2, "expected digits after the decimal point");
    assertError("9223372036854775808", 0, "integer literal 9223372036854775808 is out of the int64 range");
    assertError("i < j < 3", 6, "comparisons do not chain; combine them with 'and'");
    assertError("x # 1", 2, "unexpected character '#'");
    assertError("cast(x as decimal)", 10, "unknown type 'decimal' (expected bool, int64, float64, string or timestamp)");
    assertError("a.b.c", 3, "a name has at most one qualifier (view.feature)");
    assertError("x and", 5, "expected a value, got end of expression");
  }

  @Test
  void acceptsTheExtremeNegativeIntegerLiteral() {
    assertThat(Expressions.compile("-9223372036854775808", ExprTestSupport.SCOPE).evaluateRow(new Object[0])).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rejectsDeepNestingWithAnExpressionException() {
    String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    assertThat(error(deep).reason()).startsWith("expression nested too deeply");
    assertThat(error("-".repeat(5000) + "x").reason()).startsWith("expression nested too deeply");
  }

  @Test
  void malformedAndMutatedTextsOnlyEverRaiseExpressionExceptionWithinBounds() {
    Random random = new Random(7);
    RandomExpressions gen = new RandomExpressions(11);
    String alphabet = "()[],.'\"\\+-*/%=!<>  0123456789eE_abxyijstcfnulrdo";
    int failures = 0;
    for (int k = 0; k < 5000; k++) {
      String text = gen.expression(gen.anyType(), 1 + random.nextInt(3));
      StringBuilder sb = new StringBuilder(text);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0:
            sb.deleteCharAt(at);
            break;
          case 1:
            sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          default:
            sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
        }
      }
      String mutated = k % 10 == 0 ? sb.substring(0, random.nextInt(sb.length() + 1)) : sb.toString();
      try {
        Expressions.compile(mutated, ExprTestSupport.SCOPE);
        Expressions.referencedNames(mutated);
      } catch (ExpressionException ex) {
        failures++;
        assertThat(ex.offset()).as("offset for %s", mutated).isBetween(0, mutated.length());
        assertThat(ex.reason()).isNotBlank();
      } catch (RuntimeException | StackOverflowError other) {
        throw new AssertionError("seed 7/11, text " + mutated + " raised " + other, other);
      }
    }
    assertThat(failures).as("most mutations are invalid").isGreaterThan(1000);
  }

  @Test
  void referencedNamesListsNamesInOrderOfFirstAppearanceWithoutTypeChecking() {
    assertThat(Expressions.referencedNames("v.f + unknown * v.f + if(b, lg(q), 1)"))
        .containsExactly("v.f", "unknown", "b", "q");
    assertThatThrownBy(() -> Expressions.referencedNames("a +")).isInstanceOf(ExpressionException.class);
  }
}
