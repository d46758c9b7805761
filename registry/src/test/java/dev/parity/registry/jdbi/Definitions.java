package dev.parity.registry.jdbi;

import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** Builds definition records the way feature-definitions will: version = SHA-256 of the JSON. */
final class Definitions {
  private Definitions() {}

  static DefinitionRecord record(DefinitionKind kind, String name, String json, DefinitionRef... dependsOn) {
    return new DefinitionRecord(kind, name, sha256(json), json, Set.of(dependsOn));
  }

  static DefinitionRecord entity(String name) {
    return record(DefinitionKind.ENTITY, name, "{\"join_keys\":[\"" + name + "_id\"],\"name\":\"" + name + "\"}");
  }

  static DefinitionRecord source(String name, String path) {
    return record(DefinitionKind.SOURCE, name, "{\"format\":\"parquet\",\"name\":\"" + name + "\",\"path\":\""
        + path + "\",\"timestamp\":\"event_timestamp\"}");
  }

  static DefinitionRecord view(String name, String source, String entity, String expr) {
    return record(DefinitionKind.FEATURE_VIEW, name, "{\"entities\":[\"" + entity + "\"],\"features\":[{\"expr\":\""
            + expr + "\",\"name\":\"f\"}],\"name\":\"" + name + "\",\"source\":\"" + source + "\"}",
        new DefinitionRef(DefinitionKind.SOURCE, source), new DefinitionRef(DefinitionKind.ENTITY, entity));
  }

  static DefinitionRecord service(String name, String... views) {
    DefinitionRef[] refs = new DefinitionRef[views.length];
    for (int i = 0; i < views.length; i++) {
      refs[i] = new DefinitionRef(DefinitionKind.FEATURE_VIEW, views[i]);
    }
    return record(DefinitionKind.FEATURE_SERVICE, name, "{\"name\":\"" + name + "\",\"views\":\""
        + String.join(",", views) + "\"}", refs);
  }

  /** A trigger of {@code service}, fired on {@code schedule}. */
  static DefinitionRecord trigger(String name, String service, String schedule) {
    return record(DefinitionKind.TRIGGER, name, "{\"condition\":{\"schedule\":\"" + schedule + "\"},\"kind\":\"cron\","
        + "\"name\":\"" + name + "\",\"service\":\"" + service + "\"}",
        new DefinitionRef(DefinitionKind.FEATURE_SERVICE, service));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
