package dev.parity.definitions.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of the {@code triggers:} block: when to run ({@code condition}), which feature service
 * the training set selects, the entity table (a file under the repository) its rows come from, the
 * hook that hands the set to the user's pipeline, and what a firing does while a run of the same
 * trigger is in progress.
 *
 * @param entities the entity table's path, relative to the repository root or absolute
 */
public record Trigger(String name, TriggerCondition condition, String service, String entities, TriggerHook hook,
    BusyPolicy onBusy) {
  /** What a trigger name must look like (it appears in URLs and CLI arguments). */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,127}");
  // Sorted keys: the version is a hash of the canonical form, so key order must not matter.
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public Trigger {
    requireNonNull(name, "name is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid trigger name '" + name
          + "': a letter or '_' first, then letters, digits, '_' or '-', at most 128 characters");
    }
    requireNonNull(condition, "condition is null");
    requireNonNull(service, "service is null");
    requireNonNull(entities, "entities is null");
    if (entities.isBlank()) {
      throw new IllegalArgumentException("trigger '" + name + "': entities is blank");
    }
    requireNonNull(hook, "hook is null");
    requireNonNull(onBusy, "onBusy is null");
  }

  /** {@code adhoc}, {@code cron}, {@code new_data} or {@code metric}. */
  public String kind() {
    return condition.kind();
  }

  /**
   * The trigger's version: the SHA-256 (hex) of its canonical form, as other definitions are
   * versioned; recorded on every run, so a run says which declaration fired it. A hook's secret is
   * named by its environment variable, never included.
   */
  public String version() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The canonical form as JSON text, keys sorted at every level: what {@link #version()} hashes and
   * the registry stores, so the registry's version of a trigger is the version its runs record.
   */
  public String canonicalJson() {
    try {
      return CANONICAL.writeValueAsString(canonicalForm());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the canonical form of trigger '" + name + "'", e);
    }
  }

  /** The declaration as the version hashes it (and the registry keeps it): no secret, only its variable's name. */
  public Map<String, Object> canonicalForm() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("kind", kind());
    form.put("condition", condition.canonicalForm());
    form.put("service", service);
    form.put("entities", entities);
    form.put("hook", hook.canonicalForm());
    form.put("on_busy", onBusy.id());
    return form;
  }
}
