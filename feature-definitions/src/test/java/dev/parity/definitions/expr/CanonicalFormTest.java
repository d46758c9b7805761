package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** canonical(): stable under formatting, different under any semantic change. */
class CanonicalFormTest {
  private static String canonical(String text) {
    return Expressions.compile(text, ExprTestSupport.SCOPE).canonical();
  }

  @Test
  void foldsConstantSubtreesWithTheRuntimeKernels() {
    assertThat(canonical("1 + 2 * 3")).isEqualTo("7");
    assertThat(canonical("x * (1 + 2)")).isEqualTo("(x * 3.0)");
    assertThat(canonical("9223372036854775807 + 1")).isEqualTo("cast(null as int64)");
    assertThat(canonical("log(0)")).isEqualTo("cast('-Infinity' as float64)");
    assertThat(canonical("upper('abc') = 'ABC'")).isEqualTo("true");
    assertThat(canonical("cast('2026-01-31T01:00:00+01:00' as timestamp)")).isEqualTo("cast('2026-01-31T00:00:00Z' as timestamp)");
  }

  @Test
  void ignoresWhitespaceParenthesesKeywordCaseAndLiteralSpelling() {
    String base = canonical("if(b and not c, x / 2, coalesce(y, 1.5e0))");
    assertThat(canonical("IF ( (b) AND NOT c , ((x)) / 2.0 , COALESCE(y, 1.50) )")).isEqualTo(base);
    assertThat(canonical("i == 1")).isEqualTo(canonical("i = 1"));
    assertThat(canonical("i <> 1")).isEqualTo(canonical("i != 1"));
    assertThat(canonical("\"a'b\"")).isEqualTo(canonical("'a\\'b'"));
    assertThat(canonical("clip(x, 0, 1)")).isEqualTo(canonical("min(max(x, 0.0), 1.0)"));
    assertThat(base).isEqualTo("if((b and (not c)), (x / 2.0), coalesce(y, 1.5))");
  }

  @Test
  void changesWithAnyOperatorLiteralOrTypeChange() {
    String base = canonical("x + 1");
    assertThat(canonical("x - 1")).isNotEqualTo(base);
    assertThat(canonical("x + 2")).isNotEqualTo(base);
    assertThat(canonical("y + 1")).isNotEqualTo(base);
    assertThat(canonical("i + 1")).isNotEqualTo(canonical("i + 1.0"));
    assertThat(canonical("1 - 2 - 3")).isNotEqualTo(canonical("1 - (2 - 3)"));
    assertThat(canonical("i - j - 3")).isEqualTo("((i - j) - 3)");
    assertThat(canonical("i - (j - 3)")).isEqualTo("(i - (j - 3))");
    assertThat(canonical("-x")).isNotEqualTo(canonical("x"));
    assertThat(canonical("bucketize(x, [1, 2])")).isNotEqualTo(canonical("bucketize(x, [1, 3])"));
    assertThat(canonical("hash_bucket(s, 10)")).isNotEqualTo(canonical("hash_bucket(s, 11)"));
  }

  @Test
  void canonicalTextCompilesToItself() {
    RandomExpressions gen = new RandomExpressions(3);
    for (int k = 0; k < 500; k++) {
      String text = gen.expression(gen.anyType(), 3);
      String c = canonical(text);
      assertThat(canonical(c)).as("canonical of %s", text).isEqualTo(c);
    }
  }
}
