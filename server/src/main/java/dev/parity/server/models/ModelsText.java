package dev.parity.server.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How {@code parity models} and {@code parity lineage} print what HTTP answers as JSON: the same
 * records ({@link DecisionJson}, {@link ModelJson}, {@link LineageJson}...), as lines for a person.
 * Every text ends with a newline. Stateless and thread-safe.
 */
public final class ModelsText {
  private static final int SHORT_VERSION = 12;

  private ModelsText() {}

  /** A promotion or rollback, then one line per gate and one per {@code on_promote} hook delivery. */
  public static String decision(String model, DecisionJson d) {
    StringBuilder out = new StringBuilder();
    String previous = d.previousVersion().map(v -> "version " + v).orElse("no version");
    if (d.action().equals("rollback")) {
      out.append("Rolled back alias '").append(d.alias()).append("' of model ").append(model).append(" to version ")
          .append(d.version()).append(" (from ").append(previous).append(")");
    } else if (d.accepted()) {
      out.append("Promoted model ").append(model).append(" version ").append(d.version()).append(" to alias '")
          .append(d.alias()).append("' (held by ").append(previous).append(" before)");
    } else {
      out.append("Refused: model ").append(model).append(" version ").append(d.version()).append(" may not take alias '")
          .append(d.alias()).append("' (it stays with ").append(previous).append(")");
    }
    out.append("; decision ").append(d.id()).append(" by ").append(d.principal()).append(" at ").append(d.decidedAt())
        .append(".\n");
    gates(out, d.gates());
    if (d.hooks() != null) {
      d.hooks().forEach(hook -> out.append("  hook ").append(hook.path("kind").asText()).append(": ")
          .append(hook.path("succeeded").asBoolean() ? "succeeded" : "failed - " + hook.path("error").asText())
          .append('\n'));
    }
    return out.toString();
  }

  /** A refusal that recorded no decision, or one whose decision is not at hand. */
  public static String refusal(RefusalJson r) {
    StringBuilder out = new StringBuilder("Refused: ").append(r.message())
        .append(r.decisionId().map(id -> " (decision " + id + ")").orElse("")).append(".\n");
    gates(out, r.failedGates());
    return out.toString();
  }

  private static void gates(StringBuilder out, List<DecisionJson.Gate> gates) {
    for (DecisionJson.Gate g : gates) {
      out.append("  ").append(g.passed() ? "PASS" : "FAIL").append("  ").append(g.gate()).append("  (")
          .append(g.detail()).append(")\n");
    }
  }

  /** A registered version or one with new observations. */
  public static String version(String model, String verb, ModelJson.Version v) {
    return verb + " model " + model + " version " + v.version() + " (training set " + v.trainingSet().id()
        + v.artifactUri().map(a -> ", artifact " + a).orElse("") + "): " + metrics(v.metrics()) + ".\n";
  }

  /** {@code parity models list}. */
  public static String list(List<ModelSummaryJson> models) {
    if (models.isEmpty()) {
      return "No models registered.\n";
    }
    StringBuilder out = new StringBuilder();
    for (ModelSummaryJson m : models) {
      out.append(m.name()).append("  versions: ").append(String.join(", ", m.versions())).append("  aliases: ")
          .append(aliases(m.aliases())).append('\n');
    }
    return out.toString();
  }

  /** {@code parity models show}: aliases, gates, versions and every decision. */
  public static String model(ModelJson m) {
    StringBuilder out = new StringBuilder("Model ").append(m.name()).append('\n');
    out.append("Aliases: ").append(aliases(m.aliases())).append('\n');
    out.append("Gates: ").append(m.gates().isEmpty() ? "none" : String.join("; ", m.gates())).append('\n');
    out.append("Protected aliases: ").append(m.protectedAliases().isEmpty() ? "none"
        : String.join(", ", m.protectedAliases())).append('\n');
    out.append("Versions:\n");
    for (ModelJson.Version v : m.versions()) {
      out.append("  ").append(v.version()).append("  registered ").append(v.registeredAt()).append("  training set ")
          .append(v.trainingSet().id()).append("  ").append(metrics(v.metrics()))
          .append(v.aliases().isEmpty() ? "" : "  [" + String.join(", ", v.aliases()) + "]").append('\n');
    }
    out.append("Decisions:").append(m.decisions().isEmpty() ? " none" : "").append('\n');
    for (DecisionJson d : m.decisions()) {
      out.append("  ").append(d.decidedAt()).append("  ").append(d.action()).append(" version ").append(d.version())
          .append(" to '").append(d.alias()).append("' ").append(d.accepted() ? "accepted" : "refused").append(" by ")
          .append(d.principal());
      List<String> failed = d.gates().stream().filter(g -> !g.passed()).map(DecisionJson.Gate::gate).toList();
      out.append(failed.isEmpty() ? "" : " (failed: " + String.join("; ", failed) + ")").append('\n');
    }
    return out.toString();
  }

  /**
   * {@code parity models compare}: one column per version, one row per property; rows whose
   * values differ between the versions are marked {@code *}.
   */
  public static String compare(List<ModelJson.Version> versions) {
    Map<String, Function<ModelJson.Version, String>> rows = new LinkedHashMap<>();
    rows.put("registered", ModelJson.Version::registeredAt);
    rows.put("aliases", v -> v.aliases().isEmpty() ? "-" : String.join(",", v.aliases()));
    rows.put("artifact", v -> v.artifactUri().orElse("-"));
    TreeSet<String> metrics = new TreeSet<>();
    versions.forEach(v -> metrics.addAll(v.metrics().keySet()));
    for (String metric : metrics) {
      rows.put("metric " + metric, v -> Optional.ofNullable(v.metrics().get(metric)).map(String::valueOf).orElse("-"));
    }
    rows.put("training set", v -> String.valueOf(v.trainingSet().id()));
    rows.put("rows", v -> v.trainingSet().rows().map(String::valueOf).orElse("-"));
    rows.put("events", v -> v.trainingSet().eventsFrom().map(f -> f + ".." + v.trainingSet().eventsTo().orElseThrow())
        .orElse("-"));
    rows.put("as_of_created", v -> v.trainingSet().asOfCreated().orElse("-"));
    rows.put("registry revision", v -> v.trainingSet().registryRevision().map(String::valueOf).orElse("-"));
    rows.put("service", v -> v.trainingSet().service().map(s -> s + "@" + shortVersion(v.trainingSet()
        .serviceVersion().orElseThrow())).orElse("-"));
    TreeSet<String> views = new TreeSet<>();
    versions.forEach(v -> views.addAll(v.trainingSet().views().keySet()));
    for (String view : views) {
      rows.put("view " + view, v -> Optional.ofNullable(v.trainingSet().views().get(view)).map(ModelsText::shortVersion)
          .orElse("-"));
    }
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("", "version"));
    versions.forEach(v -> header.add(v.version()));
    table.add(header);
    rows.forEach((name, value) -> {
      List<String> cells = versions.stream().map(value).toList();
      boolean differs = cells.stream().distinct().count() > 1 && !name.equals("registered");
      List<String> row = new ArrayList<>(List.of(differs ? "*" : "", name));
      row.addAll(cells);
      table.add(row);
    });
    return render(table) + "* differs between the versions\n";
  }

  /** {@code parity lineage}: the chain from the model down to the source files, indented. */
  public static String lineage(LineageJson l) {
    StringBuilder out = new StringBuilder();
    LineageJson.ModelPart m = l.model();
    out.append("Model ").append(m.name()).append(" version ").append(m.version()).append(", registered ")
        .append(m.registeredAt()).append(m.artifactUri().map(a -> ", artifact " + a).orElse(""))
        .append(m.aliases().isEmpty() ? "" : ", aliases " + String.join(", ", m.aliases())).append('\n');
    LineageJson.TrainingSetPart t = l.trainingSet();
    out.append("  training set ").append(t.id()).append(": ").append(t.outputPath()).append(", ").append(t.rows())
        .append(" rows, built ").append(t.createdAt()).append('\n');
    out.append("    events ").append(t.eventsFrom().map(f -> f + " .. " + t.eventsTo().orElseThrow()).orElse("unknown"))
        .append(", as_of_created ").append(t.asOfCreated().orElse("none")).append(", registry revision ")
        .append(t.registryRevision()).append(", entity table ").append(t.entityTableFingerprint()).append('\n');
    l.triggerRun().ifPresent(r -> out.append("    built by trigger run ").append(r.id()).append(" of trigger ")
        .append(r.trigger()).append(" (").append(r.triggerKind()).append(r.triggerVersion().map(v -> " @ "
            + shortVersion(v)).orElse("")).append("): ").append(r.reason())
        .append(r.firedAt().map(f -> ", fired " + f).orElse("")).append('\n'));
    l.service().ifPresent(s -> out.append("    ").append(definition(s)).append('\n'));
    for (LineageJson.Definition view : l.views()) {
      out.append("      ").append(definition(view)).append('\n');
    }
    for (LineageJson.Definition dependency : l.dependencies()) {
      out.append("        ").append(definition(dependency)).append('\n');
    }
    for (LineageJson.SourcePart source : l.sources()) {
      out.append("          source ").append(source.name()).append(" path ").append(source.path()).append(": ")
          .append(source.files().isEmpty() ? "no files recorded" : source.files().size() + " file(s)").append('\n');
      for (LineageJson.FilePart file : source.files()) {
        out.append("            ").append(file.path()).append("  ").append(file.sizeBytes()).append(" bytes  modified ")
            .append(file.modifiedAt()).append('\n');
      }
    }
    return out.toString();
  }

  private static String definition(LineageJson.Definition d) {
    return d.kind() + " " + d.name() + " @ " + d.version()
        + (d.dependsOn().isEmpty() ? "" : "  (uses " + String.join(", ", d.dependsOn()) + ")");
  }

  private static String metrics(Map<String, Double> metrics) {
    return metrics.isEmpty() ? "no metrics" : metrics.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String aliases(Map<String, String> aliases) {
    return aliases.isEmpty() ? "none" : aliases.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String shortVersion(String version) {
    return version.length() > SHORT_VERSION ? version.substring(0, SHORT_VERSION) : version;
  }

  private static String render(List<List<String>> table) {
    int columns = table.get(0).size();
    int[] widths = new int[columns];
    table.forEach(row -> {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> row : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(String.format("%-" + Math.max(1, widths[i]) + "s", row.get(i))).append(i == 0 ? " " : "  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
