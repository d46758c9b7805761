package dev.parity.server.models;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One model in {@code GET /models} and {@code parity models list}: its versions, oldest first, and aliases. */
public record ModelSummaryJson(String name, List<String> versions, Map<String, String> aliases) {
  public ModelSummaryJson {
    versions = List.copyOf(versions);
    aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
  }
}
