package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.offline.OfflineView;
import java.util.ArrayList;
import java.util.List;

/**
 * The join a training set asks of an engine that writes the output itself, without {@link
 * TrainingSets}' output pass (the Spark job): the feature views with the features each must
 * produce, the on-demand features to compute from the joined values and the entity table's
 * request columns, and how the engine's columns become the output's.
 *
 * @param views the views to join, in join order, each with the features to produce
 * @param outputs the selected features, in output order (after the entity table's columns)
 * @param onDemand the on-demand features to compute, each after those it reads
 */
public record EngineJoin(List<OfflineView> views, List<OutputFeature> outputs, List<OnDemandColumn> onDemand) {
  public EngineJoin {
    views = List.copyOf(requireNonNull(views, "views is null"));
    outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
    onDemand = List.copyOf(requireNonNull(onDemand, "onDemand is null"));
  }

  /**
   * One selected feature.
   *
   * @param ref the feature
   * @param engineColumn the engine's column holding it: {@code view__feature} of a feature view
   *     or of an on-demand view ({@link OnDemandColumn#column()})
   * @param column its name in the output
   * @param type its type
   */
  public record OutputFeature(FeatureRef ref, String engineColumn, String column, DataType type) {
    public OutputFeature {
      requireNonNull(ref, "ref is null");
      requireNonNull(engineColumn, "engineColumn is null");
      requireNonNull(column, "column is null");
      requireNonNull(type, "type is null");
    }

    /** The feature as statistics name it, {@code view:feature}. */
    public String feature() {
      return ref.requestForm();
    }
  }

  /**
   * An on-demand feature as an engine computes it, with the repository's compiled expression
   * (the one the embedded engine's output pass and the online path evaluate).
   *
   * @param column the engine's column for its values, {@code odv__feature}
   * @param expression reads feature values ({@code view.feature}, the engine's column {@code
   *     view__feature}: of a joined feature view, or of an on-demand feature computed before) and
   *     request data ({@code name}, the entity table's column of that name)
   */
  public record OnDemandColumn(String column, CompiledExpression expression) {
    public OnDemandColumn {
      requireNonNull(column, "column is null");
      requireNonNull(expression, "expression is null");
    }

    /** The engine's column of each input of the expression, in the expression's input order. */
    public List<String> inputColumns() {
      List<String> columns = new ArrayList<>();
      for (String input : expression.inputs()) {
        int dot = input.indexOf('.');
        columns.add(dot < 0 ? input : input.substring(0, dot) + "__" + input.substring(dot + 1));
      }
      return columns;
    }
  }
}
