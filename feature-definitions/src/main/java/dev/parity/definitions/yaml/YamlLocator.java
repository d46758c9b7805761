package dev.parity.definitions.yaml;

import dev.parity.definitions.DefinitionLocator;
import dev.parity.definitions.Location;
import dev.parity.definitions.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Element paths to the YAML nodes they were read from. Filled while reading, then only read;
 * safe to share after loading.
 */
final class YamlLocator implements DefinitionLocator {
  private record Anchor(YamlFile file, Node node) {}

  private final Map<String, Anchor> anchors = new HashMap<>();
  private final Set<ObjectKey> unreadable = new HashSet<>();

  void put(String path, YamlFile file, Node node) {
    anchors.putIfAbsent(path, new Anchor(file, node));
  }

  void markUnreadable(ObjectKey key) {
    unreadable.add(key);
  }

  static Location location(YamlFile file, Node node) {
    return new Location(file.name, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  @Override
  public Optional<Location> locate(String path, int offset) {
    String current = path;
    boolean exact = true;
    while (true) {
      Anchor anchor = anchors.get(current);
      if (anchor != null) {
        if (exact && anchor.node() instanceof ScalarNode scalar) {
          int[] position = ScalarPositions.position(anchor.file().lines, scalar, offset);
          return Optional.of(new Location(anchor.file().name, position[0] + 1, position[1] + 1));
        }
        return Optional.of(location(anchor.file(), anchor.node()));
      }
      int slash = current.lastIndexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      current = current.substring(0, slash);
      exact = false;
    }
  }

  @Override
  public boolean isUnreadable(ObjectKey key) {
    return unreadable.contains(key);
  }
}
