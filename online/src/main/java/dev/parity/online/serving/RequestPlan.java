package dev.parity.online.serving;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.definitions.selection.RequestField;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.ViewRequest;
import java.util.List;
import java.util.Optional;

/**
 * What serving one set of features takes, worked out once per feature service (or feature list):
 * the one store read (every view, with the features requested or read by on-demand features),
 * the join keys and request fields the caller must send, the on-demand features to compute in
 * dependency order and where each result column comes from. Immutable.
 */
record RequestPlan(
    List<KeyNeed> joinKeys,
    List<RequestField> requestFields,
    List<ViewRequest> views,
    List<Step> steps,
    List<Output> outputs,
    Optional<String> plainNameConflict,
    Optional<String> fullNameConflict) {

  /** Where an input or output value comes from. */
  sealed interface Slot permits Stored, Computed, Request {}

  /**
   * Feature {@code feature} of the store read's view request {@code view}. {@code countsRows}: the
   * feature is a {@code count} or {@code count_distinct} aggregation, whose value over no rows is 0
   * offline; served as 0 when nothing is stored (see {@link OnlineFeatureServer#get}). {@code
   * defaultValue}: the feature's declared default, served (status kept) when nothing young enough
   * is stored; null without one.
   */
  record Stored(int view, int feature, boolean countsRows, Object defaultValue) implements Slot {}

  /** The result of on-demand step {@code step}. */
  record Computed(int step) implements Slot {}

  /** Request data field {@code field}. */
  record Request(String field) implements Slot {}

  /** A join key the caller must send, and the first view that needs it (for errors). */
  record KeyNeed(KeyColumn key, String view) {}

  /** One on-demand feature: its expression and where each of its inputs comes from. */
  record Step(FeatureRef ref, CompiledExpression expression, List<Slot> inputs) {}

  /** One requested feature and where its value comes from. */
  record Output(FeatureRef ref, Slot slot) {
    String name(boolean full) {
      return full ? ref.view() + "__" + ref.feature() : ref.feature();
    }
  }

  RequestPlan {
    joinKeys = List.copyOf(joinKeys);
    requestFields = List.copyOf(requestFields);
    views = List.copyOf(views);
    steps = List.copyOf(steps);
    outputs = List.copyOf(outputs);
  }

  /**
   * @throws OnlineRequestException two result columns would have the same name
   */
  void checkNames(boolean full) {
    Optional<String> conflict = full ? fullNameConflict : plainNameConflict;
    conflict.ifPresent(message -> {
      throw new OnlineRequestException(message);
    });
  }
}
