package dev.parity.server.cli;

import dev.parity.ParityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes report files the way every report command does: whole, or not at all. */
final class ReportFiles {
  private ReportFiles() {}

  /** Writes {@code text} to a hidden file beside {@code target}, then renames it over the target. */
  static Path write(Path target, String text) {
    Path absolute = target.toAbsolutePath().normalize();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    try {
      Files.createDirectories(absolute.getParent());
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return absolute;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException second) {
        e.addSuppressed(second);
      }
      throw new ParityException("cannot write " + absolute + ": " + e.getMessage(), e);
    }
  }
}
