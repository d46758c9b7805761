package dev.parity.definitions.yaml;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.SourceSchemaResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a feature repository directory: {@code parity.yaml} (optional) and every other {@code
 * *.yaml}/{@code *.yml} file at its top level, in sorted order. Either returns a fully valid
 * repository or throws a {@link DefinitionException} listing every error as {@code
 * file:line:column: message}.
 *
 * <p>Stateless apart from its configuration; thread-safe if the schema resolver is.
 */
public final class RepositoryLoader {
  /** The configuration file name; {@code parity.yml} is accepted too. */
  public static final String CONFIG_FILE = "parity.yaml";

  private final SourceSchemaResolver schemaResolver;
  private final Map<String, String> environment;

  /**
   * @param schemaResolver schemas of sources that declare none (Parquet); {@link
   *     SourceSchemaResolver#none()} to check against declared schemas only
   * @param environment overrides of {@code parity.yaml} ({@code PARITY_REGISTRY_URL}, {@code
   *     PARITY_REDIS_URL}); {@code System.getenv()} in production
   */
  public RepositoryLoader(SourceSchemaResolver schemaResolver, Map<String, String> environment) {
    this.schemaResolver = requireNonNull(schemaResolver, "schemaResolver is null");
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
  }

  /**
   * Loads and validates the repository at {@code root}.
   *
   * @throws DefinitionException with every error found, sorted; nothing is returned then
   */
  public FeatureRepository load(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new DefinitionException(List.of(new DefinitionError(root.toString(), 0, 0, "not a directory")));
    }
    List<DefinitionError> errors = new ArrayList<>();
    YamlLocator locator = new YamlLocator();
    FeatureRepository.Builder builder = FeatureRepository.builder(dir).schemaResolver(schemaResolver).locator(locator);
    DefinitionReader definitions = new DefinitionReader(builder, locator);
    Optional<RepositoryConfig> config = Optional.of(RepositoryConfig.defaults());
    for (Path file : definitionFiles(dir, errors)) {
      Optional<YamlFile> yaml = YamlFile.read(dir, file, errors);
      if (yaml.isEmpty()) {
        continue;
      }
      NodeReader reader = new NodeReader(yaml.get(), errors);
      if (isConfig(file)) {
        config = ConfigReader.read(reader, yaml.get().root());
      } else {
        yaml.get().root().ifPresent(node -> definitions.read(reader, node));
      }
    }
    config.ifPresent(c -> builder.config(c.withEnvironment(environment)));
    FeatureRepository repository = null;
    try {
      repository = builder.build();
    } catch (DefinitionException e) {
      errors.addAll(e.errors());
    }
    if (!errors.isEmpty()) {
      throw new DefinitionException(errors);
    }
    return repository;
  }

  private static boolean isConfig(Path file) {
    String name = file.getFileName().toString();
    return name.equals(CONFIG_FILE) || name.equals("parity.yml");
  }

  private static List<Path> definitionFiles(Path dir, List<DefinitionError> errors) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      errors.add(new DefinitionError(dir.toString(), 0, 0, "cannot list definition files: " + e));
      return List.of();
    }
  }
}
