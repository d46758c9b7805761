package dev.parity.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the {@code monitoring:} blocks against the repository: every feature named exists (in
 * the view; selected by the service), and a feature's own thresholds fit its type ({@code linf}
 * only for categorical features, {@code psi js ks wasserstein} only for numeric ones). A block's
 * thresholds for all features may name any statistic: each applies to the features it fits.
 */
final class MonitoringChecker {
  private final RepositoryValidator repo;

  MonitoringChecker(RepositoryValidator repo) {
    this.repo = repo;
  }

  void check() {
    repo.featureViews.values().forEach(view -> view.monitoring().features().forEach((name, thresholds) -> {
      String path = Problems.path(ObjectKind.FEATURE_VIEW, view.name(), "monitoring", "features", name);
      if (!view.featureNames().contains(name)) {
        repo.problems.error(path, "monitoring of feature view '" + view.name() + "' names unknown feature '" + name + "'"
            + Names.didYouMean(name, view.featureNames()));
      } else {
        checkFits(path, new FeatureRef(view.name(), name), thresholds);
      }
    }));
    repo.services.values().forEach(service -> {
      List<String> selected = selected(service);
      service.monitoring().features().forEach((reference, thresholds) -> {
        String path = Problems.path(ObjectKind.FEATURE_SERVICE, service.name(), "monitoring", "features", reference);
        if (!selected.contains(reference)) {
          repo.problems.error(path, "monitoring of feature service '" + service.name() + "' names feature '" + reference
              + "', which the service does not select" + Names.didYouMean(reference, selected));
        } else {
          checkFits(path, FeatureRef.parse(reference), thresholds);
        }
      });
    });
  }

  /** The {@code view:feature} references a service selects ({@code "*"} expanded); unknown views are skipped. */
  private List<String> selected(FeatureService service) {
    List<String> refs = new ArrayList<>();
    for (Map.Entry<String, FeatureSelection> entry : service.features().entrySet()) {
      Optional<List<String>> names = repo.featureNames(entry.getKey());
      List<String> features = entry.getValue().all() ? names.orElse(List.of()) : entry.getValue().features();
      features.forEach(f -> refs.add(new FeatureRef(entry.getKey(), f).requestForm()));
    }
    return refs;
  }

  private void checkFits(String path, FeatureRef feature, Thresholds thresholds) {
    DataType type = repo.featureTypes.get(feature);
    if (type == null) {
      return; // its type could not be derived: that error is reported already
    }
    for (DriftStatistic statistic : thresholds.values().keySet()) {
      if (!statistic.appliesTo(type)) {
        repo.problems.error(path + "/" + statistic.yamlName(), statistic.yamlName() + " does not apply to feature '"
            + feature.requestForm() + "' of type " + type + " (" + (DriftStatistic.isCategorical(type)
            ? "categorical features are judged by linf and null_rate" : "numeric features are judged by psi, js, ks, wasserstein and null_rate")
            + ")");
      }
    }
  }
}
