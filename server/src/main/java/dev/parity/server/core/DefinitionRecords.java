package dev.parity.server.core;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.version.VersionedObject;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates between the definitions model and the registry's records: versions and canonical
 * forms as computed by feature-definitions, plus the dependency edges the registry keeps for
 * lineage (a view uses its entities and source, an on-demand view the views its expressions read,
 * a service the views it selects from, a trigger the service it names).
 */
final class DefinitionRecords {
  private DefinitionRecords() {}

  /** Every object of {@code repository} as a registry record. */
  static List<DefinitionRecord> of(FeatureRepository repository, RepositoryVersions versions) {
    List<DefinitionRecord> records = new ArrayList<>();
    for (VersionedObject object : versions.objects().values()) {
      ObjectKey key = object.key();
      records.add(new DefinitionRecord(kind(key.kind()), key.name(), object.version(), object.canonicalJson(),
          dependencies(repository, key)));
    }
    return records;
  }

  /** A registered record as the planner compares it, with the version the registry stored. */
  static VersionedObject versioned(DefinitionRecord record) {
    return new VersionedObject(new ObjectKey(kind(record.kind()), record.name()), record.canonicalJson(),
        record.version());
  }

  static DefinitionKind kind(ObjectKind kind) {
    return switch (kind) {
      case ENTITY -> DefinitionKind.ENTITY;
      case SOURCE -> DefinitionKind.SOURCE;
      case FEATURE_VIEW -> DefinitionKind.FEATURE_VIEW;
      case ON_DEMAND_FEATURE_VIEW -> DefinitionKind.ON_DEMAND_FEATURE_VIEW;
      case FEATURE_SERVICE -> DefinitionKind.FEATURE_SERVICE;
      case TRIGGER -> DefinitionKind.TRIGGER;
    };
  }

  static ObjectKind kind(DefinitionKind kind) {
    return switch (kind) {
      case ENTITY -> ObjectKind.ENTITY;
      case SOURCE -> ObjectKind.SOURCE;
      case FEATURE_VIEW -> ObjectKind.FEATURE_VIEW;
      case ON_DEMAND_FEATURE_VIEW -> ObjectKind.ON_DEMAND_FEATURE_VIEW;
      case FEATURE_SERVICE -> ObjectKind.FEATURE_SERVICE;
      case TRIGGER -> ObjectKind.TRIGGER;
    };
  }

  private static Set<DefinitionRef> dependencies(FeatureRepository repository, ObjectKey key) {
    Set<DefinitionRef> uses = new TreeSet<>();
    switch (key.kind()) {
      case FEATURE_VIEW -> {
        FeatureView view = repository.featureView(key.name()).orElseThrow();
        view.entities().forEach(entity -> uses.add(new DefinitionRef(DefinitionKind.ENTITY, entity)));
        uses.add(new DefinitionRef(DefinitionKind.SOURCE, view.source()));
      }
      case ON_DEMAND_FEATURE_VIEW -> {
        OnDemandFeatureView view = repository.onDemandFeatureView(key.name()).orElseThrow();
        for (var feature : view.features()) {
          for (String input : repository.expression(new FeatureRef(view.name(), feature.name())).orElseThrow().inputs()) {
            // view.feature references name a view; plain names are request fields.
            int dot = input.indexOf('.');
            if (dot > 0) {
              uses.add(viewRef(repository, input.substring(0, dot)));
            }
          }
        }
      }
      case FEATURE_SERVICE -> repository.featureService(key.name()).orElseThrow()
          .features().keySet().forEach(view -> uses.add(viewRef(repository, view)));
      case TRIGGER -> uses.add(new DefinitionRef(DefinitionKind.FEATURE_SERVICE,
          repository.trigger(key.name()).orElseThrow().service()));
      case ENTITY, SOURCE -> { }
    }
    return uses;
  }

  private static DefinitionRef viewRef(FeatureRepository repository, String view) {
    DefinitionKind kind = repository.featureView(view).isPresent()
        ? DefinitionKind.FEATURE_VIEW : DefinitionKind.ON_DEMAND_FEATURE_VIEW;
    return new DefinitionRef(kind, view);
  }
}
