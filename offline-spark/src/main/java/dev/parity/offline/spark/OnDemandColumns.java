package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.features.EngineJoin.OnDemandColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Adds the on-demand features to the joined rows: each expression's inputs found among the joined
 * feature columns ({@code view__feature}), the on-demand features computed before it and the
 * entity table's columns (request data), checked for their types, handed to {@link
 * OnDemandTransform} as the jobs carry values, and the results added as columns named {@link
 * OnDemandColumn#column()}.
 */
final class OnDemandColumns {
  private final EntityScan entities;
  /** The joined feature columns with their types; the on-demand columns are added as they are planned. */
  private final Map<String, DataType> features;
  private final int batchRows;

  OnDemandColumns(EntityScan entities, Map<String, DataType> features, int batchRows) {
    this.entities = entities;
    this.features = features;
    this.batchRows = batchRows;
  }

  /**
   * {@code joined} with one column per on-demand feature, in {@code onDemand}'s order.
   *
   * @throws InputSchemaException if an input is no column of the entity table or the join, or one
   *     of another type
   */
  Dataset<Row> add(Dataset<Row> joined, List<OnDemandColumn> onDemand) {
    int width = joined.columns().length;
    Map<String, Integer> computed = new LinkedHashMap<>();
    Map<String, Integer> extra = new LinkedHashMap<>();
    List<Column> inputs = new ArrayList<>(List.of(col("*")));
    List<ExpressionSpec> expressions = new ArrayList<>();
    List<int[]> sources = new ArrayList<>();
    for (OnDemandColumn feature : onDemand) {
      CompiledExpression e = feature.expression();
      List<String> columns = feature.inputColumns();
      int[] from = new int[columns.size()];
      for (int i = 0; i < from.length; i++) {
        String column = columns.get(i);
        DataType wanted = e.inputTypes().get(i);
        if (computed.containsKey(column)) {
          from[i] = -computed.get(column) - 1;
        } else {
          DataType type = typeOf(column, e.inputs().get(i), feature);
          if (type != wanted) {
            throw new InputSchemaException(entities.firstFile(), column, "input " + e.inputs().get(i)
                + " of on-demand feature " + name(feature) + " must be " + wanted + " but the "
                + (features.containsKey(column) ? "join gives " : "entity table has ") + type);
          }
          from[i] = extra.computeIfAbsent(column, c -> {
            inputs.add(Columns.internal(c, wanted).as("__odin" + extra.size()));
            return width + extra.size();
          });
        }
      }
      computed.put(feature.column(), computed.size());
      features.put(feature.column(), e.type());
      expressions.add(ExpressionSpec.of(e));
      sources.add(from);
    }
    Dataset<Row> withInputs = joined.select(inputs.toArray(Column[]::new));
    StructType schema = withInputs.schema();
    for (int k = 0; k < onDemand.size(); k++) {
      schema = schema.add("__od" + k, SparkTypes.internal(onDemand.get(k).expression().type()), true);
    }
    Dataset<Row> evaluated = withInputs.mapPartitions(
        new OnDemandTransform(expressions, sources, width + extra.size(), batchRows), Encoders.row(schema));
    List<Column> kept = new ArrayList<>();
    for (String name : joined.columns()) {
      kept.add(col(Columns.quote(name)));
    }
    for (int k = 0; k < onDemand.size(); k++) {
      Column value = col("__od" + k);
      kept.add((onDemand.get(k).expression().type() == DataType.TIMESTAMP ? timestamp_micros(value) : value)
          .as(onDemand.get(k).column()));
    }
    return evaluated.select(kept.toArray(Column[]::new));
  }

  private DataType typeOf(String column, String input, OnDemandColumn feature) {
    DataType type = features.get(column);
    if (type == null) {
      type = entities.columns().get(column);
    }
    if (type == null) {
      throw new InputSchemaException(entities.firstFile(), column, "missing from the entity table: request data "
          + input + " of on-demand feature " + name(feature));
    }
    return type;
  }

  private static String name(OnDemandColumn feature) {
    int split = feature.column().indexOf("__");
    return split < 0 ? feature.column() : feature.column().substring(0, split) + ":" + feature.column().substring(split + 2);
  }
}
