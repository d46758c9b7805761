package dev.parity.offline.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Working folders tell the living from the dead by their OS lock: real child JVMs ({@link
 * HoldWorkFolder}) hold folders, one is killed ({@code kill -9}), and a sweep must remove its
 * folder and its temporary output and nothing else.
 */
class WorkFolderTest {
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir Path temp;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSweepRemovesTheFolderAndTemporaryOutputOfAKilledProcessAndLeavesTheLivingAlone() throws Exception {
    Path parent = temp.resolve("tmp");
    Held killed = hold(parent, temp.resolve("out/killed.parquet"));
    Held living = hold(parent, temp.resolve("out/living.parquet"));
    try (WorkFolder own = WorkFolder.claim(parent, "parity-training-set-")) {
      Path ownTemp = own.createTemporaryFor(temp.resolve("out/own.parquet"));

      killed.process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      WorkFolder.Sweep sweep = WorkFolder.sweep(parent);

      assertThat(sweep.failed()).isEmpty();
      assertThat(sweep.removed()).containsExactly(killed.folder);
      assertThat(killed.folder).doesNotExist();
      assertThat(killed.temp).doesNotExist();
      assertThat(living.folder.resolve("e0-0.arrow")).hasContent("spilled");
      assertThat(living.temp).hasContent("half written");
      assertThat(own.path()).isDirectory();
      assertThat(ownTemp).exists();
      // The living child's folder survives a second sweep too: looking did not unlock it.
      assertThat(WorkFolder.sweep(parent).removed()).isEmpty();
      assertThat(living.folder).isDirectory();
    }
  }

  @Test
  void claimingAFolderSweepsFirst() throws Exception {
    Path parent = temp.resolve("tmp");
    Held killed = hold(parent, temp.resolve("out/killed.parquet"));
    killed.process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(killed.folder).isDirectory();

    try (WorkFolder next = WorkFolder.claim(parent, "parity-offline-")) {
      assertThat(killed.folder).doesNotExist();
      assertThat(killed.temp).doesNotExist();
      assertThat(list(parent)).containsExactly(next.path());
    }
    assertThat(list(parent)).isEmpty();
  }

  @Test
  void aProcessThatEndsNormallyLeavesNothing() throws Exception {
    Path parent = temp.resolve("tmp");
    Held held = hold(parent, temp.resolve("out/done.parquet"));

    held.process.getOutputStream().close();

    assertThat(held.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(held.process.exitValue()).isZero();
    assertThat(list(parent)).isEmpty();
    assertThat(held.temp).doesNotExist();
  }

  @Test
  void closeRemovesTheFolderAndTheTemporaryOutputsStillThere() throws IOException {
    Path parent = temp.resolve("tmp");
    WorkFolder folder = WorkFolder.claim(parent, "push-");
    Path published = folder.createTemporaryFor(temp.resolve("out/a.parquet"));
    Files.move(published, temp.resolve("out/a.parquet"));
    Path abandoned = folder.createTemporaryFor(temp.resolve("out/b.parquet"));
    assertThat(abandoned.getFileName().toString()).startsWith(".b.parquet." + folder.id() + "-").endsWith(".tmp");

    folder.close();
    folder.close();

    assertThat(folder.path()).doesNotExist();
    assertThat(abandoned).doesNotExist();
    assertThat(temp.resolve("out/a.parquet")).exists();
  }

  @Test
  void leavesFoldersWithoutALockAndForeignNamesAlone() throws IOException {
    Path parent = temp.resolve("tmp");
    // A folder from before locks were used, and something else that happens to be there.
    Path unlocked = Files.createDirectories(parent.resolve("parity-offline-12-abc-def"));
    Path foreign = Files.createDirectories(parent.resolve("notes"));
    Files.writeString(foreign.resolve(WorkFolder.LOCK_FILE), "");

    assertThat(WorkFolder.sweep(parent).removed()).isEmpty();
    assertThat(unlocked).isDirectory();
    assertThat(foreign.resolve(WorkFolder.LOCK_FILE)).exists();
    assertThat(WorkFolder.sweep(temp.resolve("missing")).removed()).isEmpty();
  }

  /** What a child holds. */
  private record Held(Process process, Path folder, Path temp) {}

  /** Starts a {@link HoldWorkFolder} child and waits until it holds its folder. */
  private Held hold(Path parent, Path output) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), HoldWorkFolder.class.getName(), parent.toString(), output.toString());
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(process);
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Map<String, String> said = new HashMap<>();
    CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
      try {
        for (String line = lines.readLine(); line != null && !line.equals("ready"); line = lines.readLine()) {
          said.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      ready.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the child", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the child did not get ready: " + said, e);
    }
    assertThat(said).as("what the child said before exiting").containsKeys("folder", "temp");
    return new Held(process, Path.of(said.get("folder")), Path.of(said.get("temp")));
  }

  private static List<Path> list(Path parent) throws IOException {
    try (var entries = Files.list(parent)) {
      return entries.toList();
    }
  }
}
