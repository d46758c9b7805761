package dev.parity.offline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
  @TempDir Path root;

  @Test
  void listsADirectoryInLexicographicOrderOfRelativePaths() throws IOException {
    touch("data/s/b.parquet", "data/s/a/z.parquet", "data/s/a.parquet", "data/s/B.parquet", "data/s/a/b/c.parquet");

    assertThat(relative(SourceFiles.list(root, "data/s")))
        .containsExactly("data/s/B.parquet", "data/s/a.parquet", "data/s/a/b/c.parquet", "data/s/a/z.parquet",
            "data/s/b.parquet");
  }

  @Test
  void skipsNamesStartingWithDotOrUnderscoreBelowTheBase() throws IOException {
    touch("data/s/part-0", "data/s/.part-1.tmp", "data/s/_SUCCESS", "data/s/_tmp/part-2", "data/s/.hidden/part-3");

    assertThat(relative(SourceFiles.list(root, "data/s"))).containsExactly("data/s/part-0");
  }

  @Test
  void takesAFileNamedExplicitlyEvenIfItLooksHidden() throws IOException {
    touch("data/_only.parquet");

    assertThat(relative(SourceFiles.list(root, "data/_only.parquet"))).containsExactly("data/_only.parquet");
  }

  @Test
  void matchesGlobsOnFilesAndOnTheDirectoriesAboveThem() throws IOException {
    touch("data/day=1/part-0.parquet", "data/day=2/part-0.parquet", "data/day=2/notes.txt", "data/other/part-0.parquet");

    assertThat(relative(SourceFiles.list(root, "data/day=*/*.parquet")))
        .containsExactly("data/day=1/part-0.parquet", "data/day=2/part-0.parquet");
    assertThat(relative(SourceFiles.list(root, "data/day=*")))
        .containsExactly("data/day=1/part-0.parquet", "data/day=2/notes.txt", "data/day=2/part-0.parquet");
    assertThat(relative(SourceFiles.list(root, "data/**.parquet"))).hasSize(3);
  }

  @Test
  void returnsNothingForAPathThatDoesNotExist() {
    assertThat(SourceFiles.list(root, "data/missing")).isEmpty();
    assertThat(SourceFiles.list(root, "missing/*.parquet")).isEmpty();
  }

  private void touch(String... paths) throws IOException {
    for (String path : paths) {
      Files.createDirectories(root.resolve(path).getParent());
      Files.writeString(root.resolve(path), path);
    }
  }

  private List<String> relative(List<Path> files) {
    return files.stream().map(f -> root.relativize(f).toString()).toList();
  }
}
