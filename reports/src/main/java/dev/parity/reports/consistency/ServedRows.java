package dev.parity.reports.consistency;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import java.util.List;

/**
 * Served rows with their layout: the join keys and request fields, by name and type, that the
 * offline recomputation's entity table is made of.
 *
 * @param keyNames the join keys, in the order of {@link ServedRow#keys()}
 * @param keyTypes their types
 * @param fieldNames the request fields, in the order of {@link ServedRow#requestData()}
 * @param fieldTypes their types
 * @param rows the rows
 */
record ServedRows(List<String> keyNames, List<DataType> keyTypes, List<String> fieldNames, List<DataType> fieldTypes,
    List<ServedRow> rows) {
  ServedRows {
    keyNames = List.copyOf(requireNonNull(keyNames, "key names are null"));
    keyTypes = List.copyOf(requireNonNull(keyTypes, "key types are null"));
    fieldNames = List.copyOf(requireNonNull(fieldNames, "field names are null"));
    fieldTypes = List.copyOf(requireNonNull(fieldTypes, "field types are null"));
    rows = List.copyOf(requireNonNull(rows, "rows are null"));
  }
}
