package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each directory under {@code broken/} is an invalid repository whose {@code expected-errors.txt}
 * lists the exact {@code file:line:column: message} lines loading must report, all at once.
 */
class BrokenRepositoryGoldenTest {
  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(Fixtures.resource("broken"))) {
      List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(15);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedErrors(String name) {
    Path repo = Fixtures.resource("broken/" + name);
    List<String> expected = Fixtures.lines(repo.resolve("expected-errors.txt")).stream().filter(l -> !l.isBlank()).toList();
    DefinitionException e = assertThrows(DefinitionException.class, () -> Fixtures.load(repo));
    assertThat(e.getMessage().split("\n")).containsExactlyElementsOf(expected);
    assertThat(e.errors()).allSatisfy(error -> assertThat(error.line()).isPositive());
  }
}
