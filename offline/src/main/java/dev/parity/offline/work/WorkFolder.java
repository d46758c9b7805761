package dev.parity.offline.work;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The working folder of one run, under a parent shared by every process of a repository ({@code
 * <offline.path>/tmp}): spill files and intermediate outputs go in it, and it records the hidden
 * temporary files ({@code *.tmp}) the run creates next to its outputs. {@link #close()} removes
 * the folder and what it recorded.
 *
 * <p>A process killed with {@code kill -9} closes nothing: its folder and temporary outputs would
 * stay forever. So each folder holds a file {@value #LOCK_FILE}, locked with an OS file lock
 * ({@link FileChannel#tryLock()}) for the folder's whole life; the OS releases the lock when the
 * process ends, however it ends. {@link #sweep} (run by every {@link #claim}, i.e. at the start
 * of every run) takes the lock of each folder it finds: one whose lock it gets belongs to a dead
 * process, and is removed with the temporary outputs it recorded; one whose lock is held belongs
 * to a living process and is left alone.
 *
 * <p>Details that matter for correctness:
 * <ul>
 *   <li>Folder names carry the owning process's pid and start time ({@code
 *       <prefix><pid>-<start>-<random>}). A sweep never opens the lock file of a folder of its own
 *       process: on POSIX systems closing any descriptor of a file releases every lock the process
 *       holds on it, so looking would unlock a living folder.
 *   <li>A sweeper deletes the lock file while it holds its lock, and a new folder counts as
 *       claimed only if its lock file still exists once locked, so a sweep that runs into a folder
 *       being created cannot remove it from under its creator (the creator starts over with
 *       another name).
 *   <li>Folders without a lock file (made before locks were used, or by a process killed between
 *       creating the folder and its lock file) are left alone: nothing tells whether their owner
 *       lives.
 *   <li>On a file system without locks (some network file systems), folders are created unlocked
 *       and never swept; {@link #close()} still removes them.
 * </ul>
 *
 * <p>Thread-safe. A folder is used by one run; its methods may be called from the run's threads.
 */
public final class WorkFolder implements AutoCloseable {
  /** The lock file in each folder. */
  public static final String LOCK_FILE = "owner.lock";
  /** The list of temporary outputs in each folder, one absolute path a line. */
  static final String OUTPUTS_FILE = "temporary-outputs";
  /** {@code <prefix><pid>-<start, base 36 ms>-<random, base 36>}. */
  private static final Pattern NAME = Pattern.compile(".*?(\\d+)-([0-9a-z]+)-([0-9a-z]+)");
  private static final String THIS_PROCESS = processTag(ProcessHandle.current());

  private final Path path;
  private final String id;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean closed;

  private WorkFolder(Path path, String id, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.id = id;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Removes the folders of dead processes under {@code parent} ({@link #sweep}), then creates a
   * new folder {@code parent/<prefix><id>} (and {@code parent} if needed), locked until {@link
   * #close()}.
   *
   * @param prefix the start of the folder's name, saying what it is for ({@code parity-offline-})
   * @throws IOException if the folder or its lock file cannot be created
   */
  public static WorkFolder claim(Path parent, String prefix) throws IOException {
    requireNonNull(parent, "parent is null");
    requireNonNull(prefix, "prefix is null");
    if (prefix.contains("/") || prefix.contains(java.io.File.separator)) {
      throw new IllegalArgumentException("prefix must be a file name part: " + prefix);
    }
    sweep(parent);
    Files.createDirectories(parent);
    for (int attempt = 0; ; attempt++) {
      String id = THIS_PROCESS + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
      Path folder = parent.resolve(prefix + id);
      try {
        Files.createDirectory(folder);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      WorkFolder claimed = lockNew(folder, id);
      if (claimed != null) {
        return claimed;
      }
      if (attempt >= 100) {
        throw new IOException("cannot claim a working folder under " + parent + ": every new folder was swept away");
      }
    }
  }

  /** Locks the new {@code folder}; null if a sweep took it in the meantime (it removes it). */
  private static WorkFolder lockNew(Path folder, String id) throws IOException {
    Path lockFile = folder.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (NoSuchFileException sweptAway) {
      return null;
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (IOException locksUnsupported) {
        // No locks on this file system: an unlocked folder, which no sweep removes.
        return new WorkFolder(folder, id, channel, null);
      }
      if (lock == null || !Files.exists(lockFile)) {
        // A sweep holds (or held) the lock: the folder is being removed.
        channel.close();
        return null;
      }
      ProcessHandle self = ProcessHandle.current();
      channel.write(ByteBuffer.wrap(("pid " + self.pid() + ", started "
          + self.info().startInstant().map(Object::toString).orElse("at an unknown time") + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      return new WorkFolder(folder, id, channel, lock);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException second) {
        e.addSuppressed(second);
      }
      throw e;
    }
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /** The folder's id: its name without the prefix; temporary outputs it records carry it. */
  public String id() {
    return id;
  }

  /**
   * Creates a new empty hidden file next to {@code target}, {@code .<name>.<id>-<random>.tmp},
   * recording it first, so that if this process dies before the file is renamed or deleted a
   * sweep removes it. Parent directories of {@code target} are created.
   *
   * @throws IOException if it cannot be recorded or created
   * @throws IllegalStateException if the folder is closed
   */
  public Path createTemporaryFor(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + absolute.getFileName() + "." + id + "-"
          + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".tmp");
      record(temp);
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private synchronized void record(Path temp) throws IOException {
    if (closed) {
      throw new IllegalStateException("working folder " + path + " is closed");
    }
    // Written before the file exists: no moment at which the file exists unrecorded.
    Files.writeString(path.resolve(OUTPUTS_FILE), temp + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Removes the temporary outputs it recorded that are still there (a writer cut off before it
   * could delete its own), the folder's contents and the folder, and releases its lock.
   * Idempotent.
   *
   * @throws UncheckedIOException if something cannot be deleted; the lock is released anyway
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      remove(path, id, true);
    } finally {
      try {
        lockChannel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the lock of working folder " + path, e);
      }
    }
    try {
      Files.deleteIfExists(path.resolve(LOCK_FILE));
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete working folder " + path, e);
    }
  }

  /** What a {@link #sweep} did: the folders it removed, and those it could not (with why). */
  public record Sweep(List<Path> removed, Map<Path, IOException> failed) {
    public Sweep {
      removed = List.copyOf(removed);
      failed = Map.copyOf(failed);
    }
  }

  /**
   * Removes every folder under {@code parent} whose owner is dead (its lock can be taken), with
   * the temporary outputs it recorded. Folders of living processes, of this process, and
   * folders without a lock file are left alone; so is anything not named like a working folder.
   * A folder that cannot be removed is reported and left for a later sweep. Never throws for a
   * folder; a {@code parent} that does not exist has nothing to sweep.
   */
  public static Sweep sweep(Path parent) {
    requireNonNull(parent, "parent is null");
    List<Path> removed = new ArrayList<>();
    Map<Path, IOException> failed = new LinkedHashMap<>();
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        candidates.add(entry);
      }
    } catch (NoSuchFileException nothingYet) {
      return new Sweep(removed, failed);
    } catch (IOException e) {
      failed.put(parent, e);
      return new Sweep(removed, failed);
    }
    for (Path folder : candidates) {
      Matcher name = NAME.matcher(folder.getFileName().toString());
      if (!name.matches() || (name.group(1) + "-" + name.group(2)).equals(THIS_PROCESS)
          || !Files.isDirectory(folder)) {
        continue;
      }
      try {
        if (removeIfDead(folder, name.group(1) + "-" + name.group(2) + "-" + name.group(3))) {
          removed.add(folder);
        }
      } catch (IOException e) {
        failed.put(folder, e);
      } catch (UncheckedIOException e) {
        failed.put(folder, e.getCause());
      }
    }
    return new Sweep(removed, failed);
  }

  private static boolean removeIfDead(Path folder, String id) throws IOException {
    Path lockFile = folder.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
    } catch (NoSuchFileException noLockFile) {
      return false;
    }
    try (channel) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        return false;
      } catch (IOException locksUnsupported) {
        return false;
      }
      if (lock == null) {
        return false;
      }
      // The owner is gone. The lock file goes while the lock is held: see the class comment.
      remove(folder, id, false);
      Files.deleteIfExists(lockFile);
    }
    Files.deleteIfExists(folder);
    return true;
  }

  /**
   * Deletes the temporary outputs listed in {@code folder} that carry {@code id} (the list is
   * trusted no further), then the folder's contents except its lock file.
   */
  private static void remove(Path folder, String id, boolean owner) {
    try {
      Path outputs = folder.resolve(OUTPUTS_FILE);
      if (Files.exists(outputs)) {
        for (String line : Files.readAllLines(outputs, StandardCharsets.UTF_8)) {
          Path temp = Path.of(line);
          String name = temp.getFileName() == null ? "" : temp.getFileName().toString();
          if (temp.isAbsolute() && name.startsWith(".") && name.endsWith(".tmp") && name.contains("." + id + "-")) {
            Files.deleteIfExists(temp);
          }
        }
      }
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          if (!p.equals(folder) && !p.equals(folder.resolve(LOCK_FILE))) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete working folder " + folder
          + (owner ? "" : " of a process that is gone"), e);
    }
  }

  /** {@code <pid>-<start, base 36 ms>}: the same for every class loader of one process. */
  private static String processTag(ProcessHandle process) {
    long start = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    return process.pid() + "-" + Long.toString(start, 36);
  }
}
