package dev.parity.offline.engine;

import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.Tables;
import dev.parity.offline.TestAllocator;

class ParquetTablesTest {
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  @TempDir Path dir;

  private Path file() {
    Path file = dir.resolve("t.parquet");
    Tables.parquet(file, List.of(col("id", DataType.INT64), col("name", DataType.STRING), col("ts", DataType.TIMESTAMP)),
        Tables.rows(new Object[] {1L, "a", Tables.T0}, new Object[] {2L, null, Tables.T0}, new Object[] {null, "c", Tables.T0}), 2);
    return file;
  }

  @Test
  void listsTheReadableColumnsWithTheirTypesInFileOrder() {
    assertThat(ParquetTables.columns(file())).containsExactly(
        Map.entry("id", DataType.INT64), Map.entry("name", DataType.STRING), Map.entry("ts", DataType.TIMESTAMP));
  }

  @Test
  void scansTheRequestedColumnsInBatchesAcrossRowGroups() {
    List<String> seen = new ArrayList<>();
    ParquetTables.scan(file(), List.of("name", "id"), allocator, 1, batch -> {
      VarCharVector name = (VarCharVector) batch.getVector(0);
      BigIntVector id = (BigIntVector) batch.getVector(1);
      assertThat(batch.getRowCount()).isEqualTo(1);
      seen.add((name.isNull(0) ? "null" : name.getObject(0).toString()) + "/" + (id.isNull(0) ? "null" : id.get(0)));
    });
    assertThat(seen).containsExactly("a/1", "null/2", "c/null");
  }

  @Test
  void aMissingColumnFailsWithItsName() {
    assertThatThrownBy(() -> ParquetTables.scan(file(), List.of("nope"), allocator, 10, batch -> {}))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining("column nope: no such column");
    assertThatThrownBy(() -> ParquetTables.columns(dir.resolve("absent.parquet"))).isInstanceOf(MissingInputException.class);
  }
}
