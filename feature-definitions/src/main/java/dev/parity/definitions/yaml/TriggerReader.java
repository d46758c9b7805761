package dev.parity.definitions.yaml;

import dev.parity.definitions.Location;
import dev.parity.definitions.triggers.BusyPolicy;
import dev.parity.definitions.triggers.CronSchedule;
import dev.parity.definitions.triggers.MissedPolicy;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.definitions.triggers.TriggerCondition;
import dev.parity.definitions.triggers.TriggerHook;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry of the {@code triggers:} block (docs/triggers.md), reporting each error at its
 * line and column. References to services and sources are checked with the whole repository
 * ({@code TriggerChecker}), at the positions registered here under {@code trigger/NAME/KEY}.
 */
final class TriggerReader {
  private static final List<String> COMMON = List.of("name", "kind", "service", "entities", "hook", "on_busy");
  private static final Map<String, List<String>> BY_KIND = Map.of(
      "adhoc", List.of(),
      "cron", List.of("schedule", "time_zone", "missed"),
      "new_data", List.of("source", "view", "debounce"),
      "metric", List.of("metric", "debounce"));

  private final YamlLocator locator;
  private final Map<String, Location> seen = new HashMap<>();

  TriggerReader(YamlLocator locator) {
    this.locator = locator;
  }

  Optional<Trigger> read(NodeReader r, Node item) {
    int before = r.errorCount();
    List<String> allowed = new ArrayList<>(COMMON);
    BY_KIND.values().forEach(allowed::addAll);
    Optional<Map<String, Node>> fields = r.mapping(item, "trigger", allowed,
        List.of("name", "kind", "service", "entities", "hook"));
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    Optional<String> name = Optional.ofNullable(f.get("name")).flatMap(n -> r.scalar(n, "trigger name"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!Trigger.NAME.matcher(name.get()).matches()) {
      r.error(f.get("name"), "trigger name '" + name.get()
          + "' must start with a letter or '_' and hold only letters, digits, '_' or '-' (at most 128)");
      return Optional.empty();
    }
    Location first = seen.putIfAbsent(name.get(), r.location(item));
    if (first != null) {
      r.error(item, "duplicate trigger '" + name.get() + "' (first defined at " + first + ")");
      return Optional.empty();
    }
    String base = "trigger/" + name.get();
    locator.put(base, r.file, item);
    f.forEach((key, value) -> locator.put(base + "/" + key, r.file, value));

    Optional<String> kind = Optional.ofNullable(f.get("kind"))
        .flatMap(n -> r.choice(n, "trigger kind", List.copyOf(new java.util.TreeSet<>(BY_KIND.keySet())), k -> k));
    kind.ifPresent(k -> f.keySet().stream().filter(key -> !COMMON.contains(key) && !BY_KIND.get(k).contains(key))
        .forEach(key -> r.error(f.get(key), "key '" + key + "' does not apply to a " + k + " trigger"
            + (BY_KIND.get(k).isEmpty() ? "" : " (its keys: " + String.join(", ", BY_KIND.get(k)) + ")"))));
    Optional<String> service = Optional.ofNullable(f.get("service")).flatMap(n -> r.identifier(n, "feature service"));
    Optional<String> entities = Optional.ofNullable(f.get("entities")).flatMap(n -> r.scalar(n, "entities"));
    Optional<TriggerHook> hook = Optional.ofNullable(f.get("hook")).flatMap(n -> hook(r, n));
    BusyPolicy busy = Optional.ofNullable(f.get("on_busy"))
        .flatMap(n -> r.choice(n, "on_busy", List.of(BusyPolicy.values()), BusyPolicy::id))
        .orElse(BusyPolicy.REFUSE);
    Optional<TriggerCondition> condition = kind.flatMap(k -> condition(r, k, item, f));
    if (r.errorCount() != before || condition.isEmpty() || service.isEmpty() || entities.isEmpty() || hook.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Trigger(name.get(), condition.get(), service.get(), entities.get(), hook.get(), busy));
    } catch (IllegalArgumentException e) {
      r.error(item, e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<TriggerCondition> condition(NodeReader r, String kind, Node item, Map<String, Node> f) {
    Duration debounce = Optional.ofNullable(f.get("debounce")).flatMap(n -> r.duration(n, "debounce"))
        .orElse(Duration.ZERO);
    switch (kind) {
      case "adhoc":
        return Optional.of(new TriggerCondition.Adhoc());
      case "cron": {
        require(r, item, f, "schedule", "cron");
        require(r, item, f, "time_zone", "cron");
        Optional<ZoneId> zone = Optional.ofNullable(f.get("time_zone")).flatMap(n -> r.scalar(n, "time_zone")
            .flatMap(text -> {
              try {
                return Optional.of(ZoneId.of(text));
              } catch (DateTimeException e) {
                r.error(n, "unknown time zone '" + text + "' (a region such as Europe/Paris, or UTC)");
                return Optional.empty();
              }
            }));
        Optional<CronSchedule> schedule = zone.flatMap(z -> Optional.ofNullable(f.get("schedule"))
            .flatMap(n -> r.scalar(n, "schedule").flatMap(text -> {
              try {
                return Optional.of(CronSchedule.parse(text, z));
              } catch (IllegalArgumentException e) {
                r.error(n, e.getMessage());
                return Optional.empty();
              }
            })));
        MissedPolicy missed = Optional.ofNullable(f.get("missed"))
            .flatMap(n -> r.choice(n, "missed", List.of(MissedPolicy.values()), MissedPolicy::id))
            .orElse(MissedPolicy.SKIP);
        return schedule.map(s -> new TriggerCondition.Cron(s, missed));
      }
      case "new_data": {
        if (f.containsKey("source") == f.containsKey("view")) {
          r.error(item, "a new_data trigger needs exactly one of 'source' (its files) and 'view' (its watermark)");
          return Optional.empty();
        }
        if (f.containsKey("view")) {
          return r.identifier(f.get("view"), "feature view").map(view -> new TriggerCondition.Watermark(view, debounce));
        }
        return r.identifier(f.get("source"), "source").map(source -> new TriggerCondition.NewData(source, debounce));
      }
      default: {
        require(r, item, f, "metric", "metric");
        return Optional.ofNullable(f.get("metric")).flatMap(n -> MetricConditionReader.read(r, n, debounce));
      }
    }
  }

  private static void require(NodeReader r, Node item, Map<String, Node> f, String key, String kind) {
    if (!f.containsKey(key)) {
      r.error(item, "a " + kind + " trigger needs '" + key + "'");
    }
  }

  /** A {@code hook:} mapping (webhook or command); also a model's {@code on_promote:} hooks. */
  static Optional<TriggerHook> hook(NodeReader r, Node node) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(node, "hook", List.of("webhook", "secret_env", "attempts", "backoff",
        "timeout", "command"), List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    if (f.containsKey("webhook") == f.containsKey("command")) {
      r.error(node, "a hook needs exactly one of 'webhook' (a URL) and 'command' (a list: program and arguments)");
      return Optional.empty();
    }
    Optional<Duration> timeout = Optional.ofNullable(f.get("timeout")).flatMap(n -> r.duration(n, "timeout"));
    try {
      if (f.containsKey("command")) {
        for (String key : List.of("secret_env", "attempts", "backoff")) {
          if (f.containsKey(key)) {
            r.error(f.get(key), "key '" + key + "' applies to a webhook, not a command hook");
          }
        }
        Optional<List<String>> command = r.sequence(f.get("command"), "command").map(items -> items.stream()
            .map(i -> r.scalar(i, "command argument").orElse("")).toList());
        if (r.errorCount() != before || command.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new TriggerHook.Command(command.get(), timeout.orElse(Duration.ofHours(1))));
      }
      Optional<URI> url = r.scalar(f.get("webhook"), "webhook").flatMap(text -> {
        try {
          return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
          r.error(f.get("webhook"), "webhook is not a URL: " + e.getMessage());
          return Optional.empty();
        }
      });
      Optional<String> secret = Optional.ofNullable(f.get("secret_env")).flatMap(n -> r.identifier(n, "secret_env"));
      long attempts = Optional.ofNullable(f.get("attempts")).flatMap(n -> r.integer(n, "attempts")).orElse(4L);
      Duration backoff = Optional.ofNullable(f.get("backoff")).flatMap(n -> r.duration(n, "backoff"))
          .orElse(Duration.ofSeconds(1));
      if (r.errorCount() != before || url.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new TriggerHook.Webhook(url.get(), secret, (int) Math.max(Math.min(attempts, 1000), -1),
          backoff, timeout.orElse(Duration.ofSeconds(30))));
    } catch (IllegalArgumentException e) {
      r.error(node, e.getMessage());
      return Optional.empty();
    }
  }
}
