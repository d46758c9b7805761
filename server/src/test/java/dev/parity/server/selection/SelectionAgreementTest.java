package dev.parity.server.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureService;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.EntityRow;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.ViewRequest;
import dev.parity.online.WriteResult;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline and online paths take one resolution of a selection: for every service of the
 * sample repository and a few hundred random feature lists, a training set's feature columns and
 * the online {@code feature_names} agree name for name (full and plain names), their types are the
 * types the online path serves, and a selection one path refuses the other refuses with the same
 * message.
 */
class SelectionAgreementTest {
  @TempDir
  static Path dir;
  private static FeatureRepository repository;
  private static OnlineFeatureServer online;

  @BeforeAll
  static void load() {
    Path root = SampleRepository.create(dir.resolve("repo"));
    repository = new RepositoryService(new ParquetSchemaResolver(), Map.of(), Clock.systemUTC()).load(root);
    online = OnlineFeatureServer.create(repository, new UnreadStore());
  }

  @Test
  void everyServiceHasTheSameColumnsOnBothPaths() {
    for (FeatureService service : repository.featureServices()) {
      if (servable(repository.serviceFeatures(service.name()))) {
        assertAgree(FeatureSelector.service(service.name()),
            OnlineFeaturesRequest.forService(service.name(), Map.of()), true);
      }
    }
  }

  @Test
  void randomFeatureListsHaveTheSameColumnsOrTheSameRefusalOnBothPaths() {
    List<FeatureRef> all = new ArrayList<>();
    repository.featureViews().forEach(v -> v.featureNames().forEach(f -> all.add(new FeatureRef(v.name(), f))));
    repository.onDemandFeatureViews().forEach(v -> v.featureNames().forEach(f -> all.add(new FeatureRef(v.name(), f))));
    Random random = new Random(1515);
    int compared = 0;
    for (int i = 0; i < 300; i++) {
      List<FeatureRef> pick = new ArrayList<>(all);
      Collections.shuffle(pick, random);
      pick = pick.subList(0, 1 + random.nextInt(Math.min(8, pick.size())));
      if (!servable(pick)) {
        continue;
      }
      List<String> refs = pick.stream().map(FeatureRef::requestForm).toList();
      boolean full = random.nextBoolean();
      assertAgree(FeatureSelector.features(refs), OnlineFeaturesRequest.forFeatures(refs, Map.of()), full);
      compared++;
    }
    assertThat(compared).as("selections compared").isGreaterThan(100);
  }

  private static void assertAgree(FeatureSelector selector, OnlineFeaturesRequest request, boolean full) {
    OnlineFeaturesRequest named = noRows(request).withFullFeatureNames(full);
    Map<String, DataType> offline;
    try {
      offline = TrainingSets.featureColumns(repository, selector, full);
    } catch (SelectionException refused) {
      assertThatThrownBy(() -> online.get(named)).isInstanceOf(SelectionException.class)
          .hasMessage(refused.getMessage());
      return;
    }
    List<String> names = online.get(named).featureNames();
    List<String> keys = names.subList(0, names.size() - offline.size());
    assertThat(names.subList(keys.size(), names.size())).as(selector.toString()).containsExactlyElementsOf(offline.keySet());
    Map<String, DataType> served = new LinkedHashMap<>();
    List<FeatureRef> refs = selector.service().map(repository::serviceFeatures).orElse(selector.features());
    for (int i = 0; i < refs.size(); i++) {
      served.put(names.get(keys.size() + i), repository.featureType(refs.get(i)).orElseThrow());
    }
    assertThat(served).as(selector.toString()).containsExactlyEntriesOf(offline);
  }

  /** {@code request} for no entity rows: every join key and request field, empty. */
  private static OnlineFeaturesRequest noRows(OnlineFeaturesRequest request) {
    Map<String, List<Object>> keys = new LinkedHashMap<>();
    repository.entities().forEach(e -> e.joinKeys().forEach(k -> keys.put(k, List.of())));
    Map<String, List<Object>> fields = new LinkedHashMap<>();
    repository.onDemandFeatureViews().forEach(v -> v.request().keySet().forEach(f -> fields.put(f, List.of())));
    OnlineFeaturesRequest rows = request.featureService().isPresent()
        ? OnlineFeaturesRequest.forService(request.featureService().get(), keys)
        : OnlineFeaturesRequest.forFeatures(request.features(), keys);
    return rows.withRequestData(fields);
  }

  /** Whether every view the features come from is online (offline-only views are not served). */
  private static boolean servable(List<FeatureRef> refs) {
    try {
      online.get(noRows(OnlineFeaturesRequest.forFeatures(refs.stream().map(FeatureRef::requestForm).toList(), Map.of()))
          .withFullFeatureNames(true));
      return true;
    } catch (dev.parity.online.serving.ViewNotServableException e) {
      return false;
    }
  }

  /** A store no zero-row lookup reads: any read is a failure of the test. */
  private static final class UnreadStore implements OnlineStore {
    @Override
    public WriteResult write(OnlineView view, List<OnlineRow> rows) {
      throw new AssertionError("nothing is written");
    }

    @Override
    public OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views) {
      throw new AssertionError("a lookup of no entity rows reads nothing");
    }

    @Override
    public void close() {}
  }
}
