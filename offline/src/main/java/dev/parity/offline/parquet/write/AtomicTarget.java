package dev.parity.offline.parquet.write;

import java.io.IOException;
import dev.parity.offline.work.WorkFolder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A target path and the hidden temporary file, in the same directory, that stands in for it until
 * {@link #publish()}. Same directory so the final rename stays on one file system and is atomic.
 * With an owner, the temporary file is created and recorded by the run's {@link WorkFolder}, so
 * that it is removed if the process dies before publishing it.
 */
final class AtomicTarget {
  private final Path target;
  private final Path temp;

  private AtomicTarget(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /** Creates the (empty) temporary file next to {@code target}, creating parent directories. */
  static AtomicTarget create(Path target) {
    return create(target, Optional.empty());
  }

  /** As {@link #create(Path)}, the temporary file created and recorded by {@code owner} if given. */
  static AtomicTarget create(Path target, Optional<WorkFolder> owner) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    try {
      if (owner.isPresent()) {
        return new AtomicTarget(absolute, owner.get().createTemporaryFor(absolute));
      }
      Files.createDirectories(dir);
      return new AtomicTarget(absolute, createUnique(dir, "." + absolute.getFileName() + "."));
    } catch (IOException e) {
      throw new DataWriteException("cannot create a temporary file next to " + absolute, e);
    }
  }

  /**
   * Creates a new file {@code prefix<random>.tmp}. Not {@link Files#createTempFile}: its owner-only
   * permissions would carry over to the published file; this one gets the usual umask.
   */
  private static Path createUnique(Path dir, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      try {
        return Files.createFile(dir.resolve(prefix + suffix + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  Path target() {
    return target;
  }

  Path temp() {
    return temp;
  }

  /** Forces the temporary file to disk and renames it over the target; deletes it on failure. */
  void publish() {
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      discardAfter(new DataWriteException("cannot rename atomically to " + target, e));
    } catch (IOException e) {
      discardAfter(new DataWriteException("cannot move the finished file to " + target, e));
    }
  }

  /** Deletes the temporary file if it is still there. */
  void discard() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      throw new DataWriteException("cannot delete temporary file " + temp, e);
    }
  }

  private void discardAfter(DataWriteException failure) {
    try {
      discard();
    } catch (DataWriteException second) {
      failure.addSuppressed(second);
    }
    throw failure;
  }
}
