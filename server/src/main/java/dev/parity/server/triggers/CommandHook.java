package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.TriggerHook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hook's command (no shell) in the repository root with the payload on standard input and
 * {@code PARITY_IDEMPOTENCY_KEY} in its environment. Exit code 0 is success; the last
 * {@value #OUTPUT_LIMIT} bytes of its output (stdout and stderr together) are kept with the run. A
 * command still running after the timeout is killed and the hook fails.
 */
final class CommandHook implements Hook {
  static final int OUTPUT_LIMIT = 16 * 1024;
  // Immutable after construction: writes payload trees only.
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TriggerHook.Command config;
  private final Path directory;

  CommandHook(TriggerHook.Command config, Path directory) {
    this.config = requireNonNull(config, "config is null");
    this.directory = requireNonNull(directory, "directory is null");
  }

  @Override
  public HookResult deliver(ObjectNode payload, String idempotencyKey) throws InterruptedException {
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("kind", "command");
    record.putPOJO("command", config.command());
    Path output = null;
    Process process = null;
    try {
      // The output goes to a file, not a pipe: a chatty command cannot block on a full pipe.
      output = Files.createTempFile("parity-hook-", ".log");
      ProcessBuilder builder = new ProcessBuilder(config.command()).directory(directory.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("PARITY_IDEMPOTENCY_KEY", idempotencyKey);
      process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(JSON.writeValueAsBytes(payload));
      } catch (IOException e) {
        // The command may exit without reading its input; its exit code says whether that is fine.
        record.put("stdin_error", e.getMessage());
      }
      boolean exited = process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor();
        record.put("timed_out", true).put("output", tail(output));
        return new HookResult(false, record, Optional.of("the command did not finish within " + config.timeout()));
      }
      int code = process.exitValue();
      record.put("exit_code", code).put("timed_out", false).put("output", tail(output));
      return code == 0 ? new HookResult(true, record, Optional.empty())
          : new HookResult(false, record, Optional.of("the command exited with code " + code));
    } catch (IOException e) {
      record.put("error", e.getMessage());
      return new HookResult(false, record, Optional.of("the command could not be run: " + e.getMessage()));
    } catch (InterruptedException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      throw e;
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          record.put("cleanup_error", e.getMessage());
        }
      }
    }
  }

  private static String tail(Path output) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - OUTPUT_LIMIT);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      return (from > 0 ? "[... " + from + " bytes cut]\n" : "") + new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
