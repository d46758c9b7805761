package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.offline.OfflineException;
import dev.parity.offline.engine.EntityFiles;
import dev.parity.offline.schema.SourceFiles;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.TrainingSetInputs.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a training set reads beyond its definitions, for its lineage: the files each source's path
 * names (listed as the offline engine lists them, with size and modification time) and, once the
 * set is written, the range of its {@code event_timestamp}s from the output's Parquet footers.
 * Stateless and thread-safe.
 */
final class TrainingSetInputsReader {
  private TrainingSetInputsReader() {}

  /** The files of the sources of {@code featureViews}, by source name then path. */
  static List<SourceFile> sourceFiles(FeatureRepository repository, Collection<String> featureViews) {
    TreeSet<String> sources = new TreeSet<>();
    featureViews.forEach(v -> repository.featureView(v).map(FeatureView::source).ifPresent(sources::add));
    Path root = repository.root().toAbsolutePath().normalize();
    List<SourceFile> files = new ArrayList<>();
    for (String name : sources) {
      Optional<Source> source = repository.source(name);
      if (source.isEmpty()) {
        continue;
      }
      for (Path file : SourceFiles.list(root, source.get().path())) {
        describe(name, root, file).ifPresent(files::add);
      }
    }
    return files;
  }

  private static Optional<SourceFile> describe(String source, Path root, Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String path = file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
      return Optional.of(new SourceFile(source, path, attributes.size(), attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      // Removed since it was listed: the build does not read it either.
      return Optional.empty();
    } catch (IOException e) {
      throw new OfflineException(file, "cannot read the attributes of source file: " + e.getMessage(), e);
    }
  }

  /** The inputs with the event time range of the written training set {@code output}, if its footers tell. */
  static TrainingSetInputs withEventTimes(Path output, List<SourceFile> files) {
    Optional<EntityFiles.EventTimes> times;
    try {
      times = EntityFiles.open(output).eventTimes();
    } catch (OfflineException e) {
      // The set is written: a footer that cannot be read only means the range is not known.
      times = Optional.empty();
    }
    return new TrainingSetInputs(times.map(EntityFiles.EventTimes::earliest),
        times.map(EntityFiles.EventTimes::latest), files);
  }
}
