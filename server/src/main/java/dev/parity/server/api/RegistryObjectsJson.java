package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Registered objects of one collection, with the project's current revision. */
public record RegistryObjectsJson(
    @JsonProperty("project") String project,
    @JsonProperty("revision") long revision,
    @JsonProperty("objects") List<DefinitionJson> objects) {}
