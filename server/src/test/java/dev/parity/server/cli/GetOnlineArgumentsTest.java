package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.ParityException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetOnlineArgumentsTest {

  @Test
  void eachEntityFlagIsOneRowOfColumns() {
    Map<String, List<Object>> columns = GetOnlineCommand.columns("--entity",
        List.of("driver_id=1001,customer_id=5001", "driver_id=1002, customer_id=5002"), 2);

    assertThat(columns).containsExactly(Map.entry("driver_id", List.of(1001L, 1002L)),
        Map.entry("customer_id", List.of(5001L, 5002L)));
  }

  @Test
  void oneRequestRowAppliesToEveryEntityRow() {
    assertThat(GetOnlineCommand.columns("--request", List.of("val_to_add=2"), 3))
        .containsExactly(Map.entry("val_to_add", List.of(2L, 2L, 2L)));
  }

  @Test
  void valuesAreTypedByTheirLook() {
    assertThat(GetOnlineCommand.value("-42")).isEqualTo(-42L);
    assertThat(GetOnlineCommand.value("0.25")).isEqualTo(0.25);
    assertThat(GetOnlineCommand.value("1e3")).isEqualTo(1000.0);
    assertThat(GetOnlineCommand.value("true")).isEqualTo(true);
    assertThat(GetOnlineCommand.value("sedan")).isEqualTo("sedan");
    // Too long for an int64: kept as text, so the server reports it instead of a silent overflow.
    assertThat(GetOnlineCommand.value("12345678901234567890")).isEqualTo("12345678901234567890");
  }

  @Test
  void rejectsPairsWithoutKeyAndRowsWithDifferentKeys() {
    assertThatThrownBy(() -> GetOnlineCommand.columns("--entity", List.of("1001"), 1))
        .isInstanceOf(ParityException.class).hasMessage("--entity '1001': expected KEY=VALUE, got '1001'");
    assertThatThrownBy(() -> GetOnlineCommand.columns("--entity", List.of("driver_id=1", "customer_id=2"), 2))
        .isInstanceOf(ParityException.class).hasMessageContaining("must name the same keys");
  }
}
