package dev.parity.offline.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark installation made of the jars Maven resolved for this module's tests: {@code jars/}
 * links to every jar of the test class path but Parity's own and those parity-spark.jar shades in
 * (Jedis, Caffeine: a Spark distribution has neither; they come in the job jar, as on a real
 * cluster), and {@code bin/spark-submit} runs Spark's {@code SparkSubmit} on them with
 * the module openings Java 17 needs. A master, its workers and the executors they launch (through
 * Spark's launcher library, which takes the class path from {@code $SPARK_HOME/jars}) all run on
 * these jars, as on an unpacked Spark distribution.
 */
final class TestSparkInstallation {
  final Path home;
  final List<String> jvmFlags;

  private TestSparkInstallation(Path home, List<String> jvmFlags) {
    this.home = home;
    this.jvmFlags = jvmFlags;
  }

  static TestSparkInstallation create(Path home) {
    List<String> flags = Arrays.stream(System.getProperty("spark.jvm.flags", "").split("\\s+"))
        .filter(f -> !f.isBlank()).toList();
    try {
      Path jars = Files.createDirectories(home.resolve("jars"));
      int n = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path jar = Path.of(entry);
        String name = jar.getFileName().toString();
        if (name.endsWith(".jar") && !name.startsWith("parity-") && !shadedIntoTheJobJar(name)
            && Files.isRegularFile(jar)) {
          // Numbered: two artifacts of different groups may share a file name.
          Files.createSymbolicLink(jars.resolve(String.format("%04d-%s", n++, name)), jar.toAbsolutePath());
        }
      }
      Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
      Files.writeString(submit, "#!/bin/sh\nexec '" + java() + "' -Xmx768m " + String.join(" ", flags)
          + " -cp '" + jars + "/*' org.apache.spark.deploy.SparkSubmit \"$@\"\n");
      Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestSparkInstallation(home, flags);
  }

  /** Jars parity-spark.jar carries (its shade configuration), which a Spark distribution does not. */
  private static boolean shadedIntoTheJobJar(String jar) {
    return Stream.of("jedis-", "redis-authx-core-", "commons-pool2-", "json-2", "caffeine-").anyMatch(jar::startsWith);
  }

  /** A {@code java} command line running {@code mainClass} on Spark's jars. */
  List<String> javaCommand(String heap, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    return command;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
