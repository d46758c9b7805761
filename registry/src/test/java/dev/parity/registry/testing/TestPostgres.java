package dev.parity.registry.testing;

import dev.parity.online.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where tests find PostgreSQL. CI starts a server and exports {@code PARITY_TEST_POSTGRES_URL}
 * (a JDBC URL with user, e.g. {@code jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres}).
 * When it is absent, a private cluster is created with {@code initdb} and started here once per
 * JVM (as an unprivileged user when running as root, since initdb refuses root), and stopped at
 * exit: the installed PostgreSQL, else the one bundled in a Maven artifact ({@link
 * PostgresBinaries}), so a machine with only a JDK and Maven runs every test; nothing is skipped.
 */
public final class TestPostgres {
  private static String adminUrl;

  private TestPostgres() {}

  /** JDBC URL of the maintenance database, with credentials. */
  public static synchronized String adminUrl() {
    if (adminUrl == null) {
      String fromEnv = System.getenv("PARITY_TEST_POSTGRES_URL");
      adminUrl = fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : startCluster();
    }
    return adminUrl;
  }

  /** Creates a fresh, empty database and returns its JDBC URL (tests never share tables). */
  public static String newDatabase() {
    String name = "parity_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(adminUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database on " + adminUrl() + ": " + e.getMessage(), e);
    }
    return withDatabase(adminUrl(), name);
  }

  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  private static String startCluster() {
    boolean root = "root".equals(System.getProperty("user.name"));
    int port = ServerProcess.freePort();
    try {
      Path dir = Files.createTempDirectory("parity-pg-");
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Path bin = PostgresBinaries.binDir(dir.resolve("bundle"));
      // Printed to the test output so that CI can show which server its fresh-machine step ran.
      System.err.println("[parity-test] postgresql: " + ServerProcess.run(List.of(bin.resolve("postgres").toString(),
          "--version"), tmp, Duration.ofSeconds(30)).strip() + " in " + bin);
      if (root) {
        ServerProcess.run(List.of("chown", PostgresBinaries.unprivilegedUser(), dir.toString()), tmp,
            Duration.ofSeconds(10));
      }
      Path data = dir.resolve("data");
      ServerProcess.run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--no-locale"), tmp, Duration.ofSeconds(120));
      ServerProcess.run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "-l", dir.resolve("pg.log").toString(), "-w", "start"), tmp, Duration.ofSeconds(60));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        ServerProcess.run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
            "stop"), tmp, Duration.ofSeconds(30));
        ServerProcess.deleteTree(dir);
      }, "stop-test-postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static List<String> asPostgres(boolean root, String... command) {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", PostgresBinaries.unprivilegedUser(), "--"));
    }
    full.addAll(List.of(command));
    return full;
  }
}
