package dev.parity.registry.jdbi;

import dev.parity.registry.RegistryUnavailableException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing of registry JDBC URLs: which driver, where relative H2 files live, how to print them. */
final class RegistryUrls {
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  private RegistryUrls() {}

  enum Dialect {
    H2("org.h2.Driver"),
    POSTGRESQL("org.postgresql.Driver");

    private final String driverClass;

    Dialect(String driverClass) {
      this.driverClass = driverClass;
    }

    String driverClass() {
      return driverClass;
    }
  }

  /** The URL as it may be shown to users and written to logs. */
  static String mask(String url) {
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  /** The dialect of a supported URL; throws {@link RegistryUnavailableException} for any other. */
  static Dialect dialect(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return Dialect.H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return Dialect.POSTGRESQL;
    }
    throw new RegistryUnavailableException(mask(url),
        "unsupported URL (use jdbc:h2:file:PATH, jdbc:h2:mem:NAME or jdbc:postgresql://HOST:PORT/DB)", null);
  }

  /**
   * Resolves a relative H2 file path (as in the default {@code jdbc:h2:file:./.parity/registry})
   * against {@code baseDirectory}, the feature repository, so the registry does not depend on the
   * directory the command was started from. Other URLs are returned unchanged.
   */
  static String resolve(String url, Path baseDirectory) {
    if (dialect(url) != Dialect.H2) {
      return url;
    }
    String rest = url.substring("jdbc:h2:".length());
    String prefix = "";
    if (rest.regionMatches(true, 0, "file:", 0, 5)) {
      prefix = "file:";
      rest = rest.substring(5);
    } else if (rest.matches("(?i)^(mem|tcp|ssl|zip|nio[a-z]*|split|async|memFS|memLZF|rec|retry)[a-z]*:.*")) {
      return url;
    }
    int semicolon = rest.indexOf(';');
    String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
    String options = semicolon < 0 ? "" : rest.substring(semicolon);
    if (path.isEmpty() || path.startsWith("~") || Path.of(path).isAbsolute()) {
      return url;
    }
    Path absolute = baseDirectory.toAbsolutePath().resolve(path).normalize();
    return "jdbc:h2:" + (prefix.isEmpty() ? "file:" : prefix) + absolute + options;
  }
}
