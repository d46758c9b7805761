package dev.parity.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration defaults and the checks of the descriptor records. */
class DescriptorsTest {

  @Test
  void connectionDefaultsAreBoundedTimeoutsAndAPool() {
    RedisConnectionConfig config = RedisConnectionConfig.standalone("redis://127.0.0.1:6379");
    assertThat(config.cluster()).isFalse();
    assertThat(config.socketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.poolWait()).isEqualTo(config.socketTimeout());
    assertThat(config.poolSize()).isEqualTo(16);
    assertThat(config.withTimeout(Duration.ofMillis(200)).connectTimeout()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void rejectsBadConnectionSettingsNamingThem() {
    assertThatThrownBy(() -> RedisConnectionConfig.standalone("http://x:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://x:1");
    assertThatThrownBy(() -> RedisConnectionConfig.standalone("redis://h:1").withPoolSize(0))
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> RedisConnectionConfig.cluster(List.of()))
        .hasMessageContaining("no Redis URL");
  }

  @Test
  void settingsDefaultToNoNearCacheAndRejectProjectsThatCouldOpenAHashTag() {
    OnlineStoreSettings settings = OnlineStoreSettings.defaults("default");
    assertThat(settings.nearCache().enabled()).isFalse();
    assertThat(settings.expiryGrace()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> OnlineStoreSettings.defaults("a{b}")).hasMessageContaining("a{b}");
  }

  @Test
  void rejectsViewsWithDuplicateOrFloatKeysAndNegativeTtl() {
    List<FeatureColumn> features = List.of(new FeatureColumn("f", DataType.INT64));
    assertThatThrownBy(() -> new KeyColumn("score", DataType.FLOAT64)).hasMessageContaining("score cannot be float64");
    assertThatThrownBy(() -> new OnlineView("v", "1", Duration.ofSeconds(-1),
        List.of(new KeyColumn("k", DataType.INT64)), features)).hasMessageContaining("ttl of view v is negative");
    assertThatThrownBy(() -> new OnlineView("v", "1", Duration.ZERO,
        List.of(new KeyColumn("k", DataType.INT64)), List.of(features.get(0), features.get(0))))
        .hasMessageContaining("repeats feature f");
  }

  @Test
  void fingerprintChangesWithVersionAndSchemaOnly() {
    OnlineView v1 = TestViews.drivers("v1", Duration.ZERO);
    assertThat(RedisLayout.fingerprint(v1)).isEqualTo(RedisLayout.fingerprint(TestViews.drivers("v1", Duration.ofDays(1))));
    assertThat(RedisLayout.fingerprint(v1)).isNotEqualTo(RedisLayout.fingerprint(TestViews.drivers("v2", Duration.ZERO)));
  }
}
