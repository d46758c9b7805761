package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks one column requirement against every file's schema: present, readable, of the required
 * type (after widening) or, when any type will do, of the same type in every file.
 */
final class SchemaCheck {

  /** The check, and the type values of the column read as when it passed. */
  record Result(ValidationCheck check, Optional<DataType> type) {}

  private SchemaCheck() {}

  static Result check(ColumnNeeds.Need need, List<Path> files, List<Map<String, ColumnType>> schemas, Function<Path, String> display) {
    DataType resolved = need.type;
    Path resolvedFrom = null;
    Set<String> seen = new LinkedHashSet<>();
    String failure = null;
    String actual = null;
    int failingFiles = 0;
    for (int f = 0; f < files.size(); f++) {
      ColumnType type = schemas.get(f).get(need.column);
      String problem = null;
      if (type == null) {
        problem = "missing in " + display.apply(files.get(f));
      } else if (type.readsAs().isEmpty()) {
        problem = type.describe() + " in " + display.apply(files.get(f));
      } else if (resolved != null && type.readsAs().get() != resolved) {
        problem = type.name() + " in " + display.apply(files.get(f)) + ", expected " + resolved
            + (resolvedFrom != null ? " as in " + display.apply(resolvedFrom) : "");
      } else if (need.numeric && !type.readsAs().get().isNumeric()) {
        problem = type.name() + " in " + display.apply(files.get(f)) + ", expected a number";
      }
      if (problem != null) {
        failingFiles++;
        if (failure == null) {
          failure = problem;
          actual = type == null ? "missing" : type.name();
        }
        continue;
      }
      if (resolved == null) {
        resolved = type.readsAs().get();
        resolvedFrom = files.get(f);
      }
      seen.add(type.describe());
    }
    String subject = "column " + need.column + ": ";
    if (failure == null) {
      String types = String.join(", ", seen);
      return new Result(ColumnChecks.check("column", need.column, need.expected(), types, true, 0, List.of(), need.origin, subject + types),
          Optional.of(resolved));
    }
    String more = failingFiles > 1 ? " (and " + (failingFiles - 1) + " more " + (failingFiles == 2 ? "file" : "files") + ")" : "";
    String message = subject + failure + more + "; needed by " + String.join(", ", need.roles);
    return new Result(ColumnChecks.check("column", need.column, need.expected(), actual, false, 0, List.of(), need.origin, message),
        Optional.empty());
  }
}
