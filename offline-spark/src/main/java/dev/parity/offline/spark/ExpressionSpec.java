package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.definitions.expr.Expressions;
import dev.parity.definitions.expr.Scope;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row transform as shipped to the executors: its text and the types of its inputs, from which
 * each executor compiles the very expression the driver compiled (compilation is deterministic),
 * so the evaluator is feature-definitions' own, not a translation into Spark SQL.
 */
record ExpressionSpec(String source, List<String> inputs, List<DataType> inputTypes, DataType type)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  ExpressionSpec {
    inputs = List.copyOf(inputs);
    inputTypes = List.copyOf(inputTypes);
  }

  static ExpressionSpec of(CompiledExpression e) {
    return new ExpressionSpec(e.source(), e.inputs(), e.inputTypes(), e.type());
  }

  /** Compiles the expression again; checks it is the driver's (same inputs and type). */
  CompiledExpression compile() {
    Map<String, DataType> scope = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      scope.put(inputs.get(i), inputTypes.get(i));
    }
    CompiledExpression e = Expressions.compile(source, Scope.of(scope));
    if (!e.inputs().equals(inputs) || e.type() != type) {
      throw new IllegalStateException("expression " + source + " compiled differently on an executor");
    }
    return e;
  }
}
