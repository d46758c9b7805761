package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a source as a stable fingerprint: every data file the offline engine would read
 * (the same selection, temporary files and markers left out), by path relative to the repository,
 * with its size and modification time. The same files give the same fingerprint on every server
 * and after every restart; a new, removed, rewritten or grown file changes it. Stateless.
 */
final class NewDataWatch {
  /** The files as seen now. */
  record Snapshot(String fingerprint, Map<String, String> files) {
    JsonNode json() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      files.forEach(node::put);
      return node;
    }

    /** The files new or changed since {@code before} (a {@link #json} of an earlier snapshot), in path order. */
    List<String> changedSince(JsonNode before) {
      List<String> changed = new ArrayList<>();
      files.forEach((path, stamp) -> {
        if (!stamp.equals(before.path(path).asText(null))) {
          changed.add(path);
        }
      });
      return changed;
    }
  }

  Snapshot snapshot(Path repositoryRoot, String sourcePath) {
    Path root = repositoryRoot.toAbsolutePath().normalize();
    Map<String, String> files = new TreeMap<>();
    for (Path file : SourceFiles.list(root, sourcePath)) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        files.put(root.relativize(file).toString().replace('\\', '/'),
            attributes.size() + ":" + attributes.lastModifiedTime().toMillis());
      } catch (IOException e) {
        if (Files.exists(file)) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
        // Removed between listing and reading: not there.
      }
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach((path, stamp) -> digest.update((path + "\u0000" + stamp + "\n").getBytes(StandardCharsets.UTF_8)));
      return new Snapshot(HexFormat.of().formatHex(digest.digest()), files);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@code a.parquet, b.parquet} (at most ten named), or {@code files removed}. */
  static String describe(List<String> changed) {
    if (changed.isEmpty()) {
      return "files removed";
    }
    String named = String.join(", ", changed.subList(0, Math.min(10, changed.size())));
    return changed.size() > 10 ? named + " and " + (changed.size() - 10) + " more" : named;
  }
}
