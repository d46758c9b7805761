package dev.parity.reports.consistency;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.RequestField;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.ViewRead;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.features.OfflineViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The join keys and request fields of a selection with the types the offline path reads them
 * with (join keys as the views' sources hold them): the columns of a recomputation's entity table.
 */
record ServedLayout(Map<String, DataType> keys, Map<String, DataType> fields) {

  static ServedLayout of(FeatureRepository repository, ResolvedSelection selection) {
    Map<String, DataType> keys = new LinkedHashMap<>();
    for (ViewRead read : selection.views()) {
      for (ColumnSpec key : OfflineViews.from(repository, repository.featureView(read.view()).orElseThrow()).joinKeys()) {
        keys.putIfAbsent(key.name(), key.type());
      }
    }
    Map<String, DataType> fields = new LinkedHashMap<>();
    for (RequestField field : selection.requestFields()) {
      fields.putIfAbsent(field.name(), field.type());
    }
    return new ServedLayout(keys, fields);
  }

  ServedRows rows(List<ServedRow> rows) {
    return new ServedRows(List.copyOf(keys.keySet()), List.copyOf(keys.values()), List.copyOf(fields.keySet()),
        List.copyOf(fields.values()), rows);
  }
}
