package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import java.util.List;

/**
 * A registered definition object: kind, name, version, the objects it uses and its canonical form
 * (the JSON the version is the hash of), embedded as JSON.
 */
public record DefinitionJson(
    @JsonProperty("kind") String kind,
    @JsonProperty("name") String name,
    @JsonProperty("version") String version,
    @JsonProperty("depends_on") List<String> dependsOn,
    @JsonProperty("definition") @JsonRawValue String definition) {

  public static DefinitionJson of(DefinitionRecord record) {
    List<String> uses = record.dependsOn().stream().map(DefinitionJson::ref).sorted().toList();
    return new DefinitionJson(record.kind().id(), record.name(), record.version(), uses, record.canonicalJson());
  }

  private static String ref(DefinitionRef ref) {
    return ref.kind().id() + ":" + ref.name();
  }
}
