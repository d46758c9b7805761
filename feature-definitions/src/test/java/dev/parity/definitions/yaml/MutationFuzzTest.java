package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to a valid repository's YAML: loading either succeeds or throws a
 * {@link DefinitionException} whose every error has a real position; nothing else escapes.
 */
class MutationFuzzTest {
  private static final int CASES = 2000;
  private static final String INSERTABLE = " :-[]{},\"'#\n\t|>&*!%@?.0123456789abcxyz_";
  private static final List<String> FILES = List.of("drivers.yaml", "services.yaml", "parity.yaml");

  @Test
  void mutatedRepositoriesFailOnlyWithPositionedDefinitionErrors(@TempDir Path dir) throws IOException {
    Map<String, String> originals = new java.util.HashMap<>();
    for (String file : FILES) {
      originals.put(file, Files.readString(Fixtures.drivers().resolve(file)));
    }
    int rejected = 0;
    for (int seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      String target = FILES.get(random.nextInt(10) < 8 ? random.nextInt(2) : 2);
      String mutated = originals.get(target);
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        mutated = mutate(mutated, random);
      }
      for (String file : FILES) {
        Files.writeString(dir.resolve(file), file.equals(target) ? mutated : originals.get(file));
      }
      try {
        Fixtures.load(dir);
      } catch (DefinitionException e) {
        rejected++;
        for (DefinitionError error : e.errors()) {
          if (error.line() < 1 || error.column() < 1) {
            fail("seed " + seed + ": error without position: " + error + "\n" + mutated);
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " escaped with " + e + " on " + target + ":\n" + mutated, e);
      }
    }
    // Most damage must be noticed; a few mutations (in comments, whitespace) are harmless.
    assertThat(rejected).isGreaterThan(CASES / 2);
  }

  static String mutate(String text, Random random) {
    if (text.isEmpty()) {
      return String.valueOf(INSERTABLE.charAt(random.nextInt(INSERTABLE.length())));
    }
    int at = random.nextInt(text.length());
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(7)) {
      case 0:
        return text.substring(0, at) + text.substring(at + 1);
      case 1:
        return text.substring(0, at) + INSERTABLE.charAt(random.nextInt(INSERTABLE.length())) + text.substring(at);
      case 2:
        return text.substring(0, at) + text.charAt(at) + text.substring(at);
      case 3:
        int other = random.nextInt(lines.size());
        String swap = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, swap);
        return String.join("\n", lines);
      case 4:
        lines.remove(line);
        return String.join("\n", lines);
      case 5:
        lines.add(line, lines.get(line));
        return String.join("\n", lines);
      default:
        String current = lines.get(line);
        lines.set(line, random.nextBoolean() ? " ".repeat(1 + random.nextInt(2)) + current : current.replaceFirst("^ {1,2}", ""));
        return String.join("\n", lines);
    }
  }
}
