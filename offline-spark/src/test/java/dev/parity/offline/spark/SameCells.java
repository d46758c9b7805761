package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/** The integration tests' comparison of two training set outputs: schema, row order and every cell. */
final class SameCells {
  private SameCells() {}

  /** {@code actual} (a Spark output directory) holds {@code expected}'s columns and rows, in order. */
  static void assertSameCells(Path expected, Path actual) {
    List<List<Object>> want = Fixtures.read(expected);
    List<List<Object>> got = Fixtures.read(actual);
    assertThat(got.get(0)).as("columns").isEqualTo(want.get(0));
    assertThat(got).as("rows").hasSameSizeAs(want);
    for (int i = 1; i < want.size(); i++) {
      assertThat(got.get(i)).as("row %d", i - 1).isEqualTo(want.get(i));
    }
  }
}
