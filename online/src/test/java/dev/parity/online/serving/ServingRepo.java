package dev.parity.online.serving;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The serving tests' repository ({@code serving-repo/}: examples/drivers with declared schemas). */
final class ServingRepo {
  private ServingRepo() {}

  static Path directory() {
    try {
      return Path.of(ServingRepo.class.getResource("/serving-repo/features.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("test resource serving-repo is not a file", e);
    }
  }

  static FeatureRepository load() {
    return load(directory());
  }

  static FeatureRepository load(Path directory) {
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(directory);
  }

  /**
   * A copy of the repository in {@code target} with {@code from} replaced by {@code to} in its
   * definitions, loaded.
   *
   * @throws IllegalArgumentException if {@code from} does not occur, so an edit cannot silently miss
   */
  static FeatureRepository edited(Path target, String from, String to) {
    try {
      String text = Files.readString(directory().resolve("features.yaml"));
      if (!text.contains(from)) {
        throw new IllegalArgumentException("'" + from + "' is not in the test repository");
      }
      Files.writeString(target.resolve("features.yaml"), text.replace(from, to));
      return load(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
