package dev.parity.definitions.yaml;

import dev.parity.definitions.DefinitionError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** One definition file: its name relative to the repository root, its lines, its composed node tree. */
final class YamlFile {
  final String name;
  final List<String> lines;
  private final Node root;

  private YamlFile(String name, List<String> lines, Node root) {
    this.name = name;
    this.lines = lines;
    this.root = root;
  }

  /** The root node, empty for an empty document. */
  Optional<Node> root() {
    return Optional.ofNullable(root);
  }

  /**
   * Reads and composes {@code file}; on failure reports the error (at the parser's problem mark)
   * and returns empty.
   */
  static Optional<YamlFile> read(Path root, Path file, List<DefinitionError> errors) {
    String name = root.relativize(file).toString().replace('\\', '/');
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException e) {
      errors.add(new DefinitionError(name, 0, 0, "cannot read: not valid UTF-8"));
      return Optional.empty();
    } catch (IOException e) {
      errors.add(new DefinitionError(name, 0, 0, "cannot read: " + e));
      return Optional.empty();
    }
    List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    try {
      Node node = new Yaml(options).compose(new StringReader(text));
      return Optional.of(new YamlFile(name, lines, node));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : "invalid YAML";
      if (mark == null) {
        errors.add(new DefinitionError(name, 1, 1, "YAML syntax error: " + problem));
      } else {
        errors.add(new DefinitionError(name, mark.getLine() + 1, mark.getColumn() + 1, "YAML syntax error: " + oneLine(problem)));
      }
      return Optional.empty();
    } catch (YAMLException e) {
      // Limits (nesting depth, alias count, size) have no position.
      errors.add(new DefinitionError(name, 1, 1, "YAML error: " + oneLine(String.valueOf(e.getMessage()))));
      return Optional.empty();
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
