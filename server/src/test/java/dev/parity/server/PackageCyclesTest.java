package dev.parity.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages depend on each other without cycles (issue #15): a package that needs
 * another is below it, so each can be read, tested and moved without the rest. Read from the
 * compiled classes' constant pools (every class, field and method type they name), so a
 * dependency written in any way counts, and only {@code dev.parity.server} packages.
 */
class PackageCyclesTest {
  private static final String ROOT = "dev/parity/server/";
  private static final Pattern NAMED = Pattern.compile("L(" + ROOT + "[\\w/$]+);");

  @Test
  void serverPackagesFormNoCycle() throws IOException, URISyntaxException {
    Map<String, Map<String, Set<String>>> graph = dependencies();

    assertThat(graph).as("the server's classes were found").containsKeys("dev.parity.server", "dev.parity.server.lookup");
    assertThat(cycles(graph)).as("package cycles, each with the classes that make its edges").isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    graph.computeIfAbsent("a", k -> new TreeMap<>()).put("b", Set.of("a.X -> b.Y"));
    graph.computeIfAbsent("b", k -> new TreeMap<>()).put("c", Set.of("b.Y -> c.Z"));
    graph.computeIfAbsent("c", k -> new TreeMap<>()).put("a", Set.of("c.Z -> a.X"));
    graph.computeIfAbsent("d", k -> new TreeMap<>()).put("a", Set.of("d.W -> a.X"));

    assertThat(cycles(graph)).hasSize(1).first().asString().contains("a.X -> b.Y", "b.Y -> c.Z", "c.Z -> a.X")
        .doesNotContain("d.W");
  }

  /** Package to package it depends on, with the class edges that make the dependency. */
  private static Map<String, Map<String, Set<String>>> dependencies() throws IOException, URISyntaxException {
    Path classes = Path.of(ParityApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String from = classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
        for (String to : referencedClasses(file)) {
          String fromPackage = packageOf(from);
          String toPackage = packageOf(to);
          if (!fromPackage.equals(toPackage)) {
            graph.computeIfAbsent(fromPackage, k -> new TreeMap<>()).computeIfAbsent(toPackage, k -> new TreeSet<>())
                .add(simple(from) + " -> " + simple(to));
          }
        }
      }
    }
    return graph;
  }

  /** The {@code dev/parity/server} classes a class file names in its constant pool. */
  private static Set<String> referencedClasses(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    try (InputStream bytes = Files.newInputStream(file); DataInputStream in = new DataInputStream(bytes)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      List<String> utf8 = new ArrayList<>();
      List<Integer> classNames = new ArrayList<>();
      Map<Integer, String> strings = new HashMap<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> {
            String text = in.readUTF();
            utf8.add(text);
            strings.put(i, text);
          }
          case 7 -> classNames.add(in.readUnsignedShort());
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 5, 6 -> {
            in.readLong();
            i++; // eight-byte constants take two entries
          }
          default -> throw new IOException(file + ": unknown constant pool tag " + tag);
        }
      }
      for (int index : classNames) {
        String name = strings.get(index);
        if (name != null && name.startsWith(ROOT)) {
          names.add(name);
        }
      }
      for (String text : utf8) {
        Matcher named = NAMED.matcher(text);
        while (named.find()) {
          names.add(named.group(1));
        }
      }
    }
    return names;
  }

  private static String packageOf(String internalName) {
    return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
  }

  private static String simple(String internalName) {
    String name = internalName.substring(ROOT.length()).replace('/', '.');
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  /** Each set of packages that reach each other (Tarjan's strongly connected components), described. */
  private static List<String> cycles(Map<String, Map<String, Set<String>>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<String> cycles = new ArrayList<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, cycles);
      }
    }
    return cycles;
  }

  private static void connect(String node, Map<String, Map<String, Set<String>>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, List<String> cycles) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, cycles);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (stack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        StringBuilder cycle = new StringBuilder("cycle between " + component + ":");
        for (String from : component) {
          graph.getOrDefault(from, Map.of()).forEach((to, edges) -> {
            if (component.contains(to)) {
              cycle.append("\n  ").append(from).append(" -> ").append(to).append(": ").append(edges);
            }
          });
        }
        cycles.add(cycle.toString());
      }
    }
  }
}
