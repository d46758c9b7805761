package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.core.PlannedApply;
import dev.parity.server.core.RepositoryStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity codegen --service NAME --package P --out DIR [--class C] [--full-names]}: writes
 * {@code DIR/P/C.java}, a record of the service's features as typed values for the Java client
 * (see {@link AccessorSource}). Like {@code get-online}, it works from the definitions the server
 * serves: a service that differs from its registered version (or is not registered) is refused
 * until the repository is applied, so the accessors never describe values Redis does not hold.
 * The file is written whole or not at all.
 */
public final class CodegenCommand extends StoresCommand {
  public CodegenCommand(JobServices services) {
    super("codegen", "Generate a Java record of a feature service's features, typed, for the Java client", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--service").dest("service").metavar("NAME").required(true).help("the feature service");
    subparser.addArgument("--package").dest("package").metavar("PACKAGE").required(true)
        .help("the Java package of the generated record, e.g. com.example.features");
    subparser.addArgument("--out").dest("out").metavar("DIR").required(true)
        .help("the source root to write under: DIR/com/example/features/Name.java");
    subparser.addArgument("--class").dest("className").metavar("NAME")
        .help("the record's name (default: the service's name in PascalCase, driver_ranking_v1 -> DriverRankingV1)");
    subparser.addArgument("--full-names").dest("fullNames").action(Arguments.storeTrue())
        .help("read result columns named view__feature (lookups made with fullFeatureNames())");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    String service = namespace.getString("service");
    String packageName = AccessorSource.checkPackage(namespace.getString("package"));
    String className = namespace.getString("className");
    if (className != null) {
      AccessorSource.checkIdentifier("--class", className);
    } else {
      className = AccessorSource.className(service);
      if (!AccessorSource.isIdentifier(className)) {
        throw new ParityException("--service '" + service + "' gives no Java class name ('" + className
            + "'); name the record with --class");
      }
    }
    SelectionResolver.requireService(repository, service);
    requireApplied(repository, stores, service);
    ResolvedSelection selection = SelectionResolver.resolve(repository, FeatureSelector.service(service));
    boolean fullNames = namespace.getBoolean("fullNames");
    String version = RepositoryVersions.of(repository).version(ObjectKind.FEATURE_SERVICE, service);
    Map<FeatureRef, Object> defaults = new HashMap<>();
    selection.features().forEach(f -> repository.defaultValue(f.ref()).ifPresent(d -> defaults.put(f.ref(), d)));
    AccessorSource source = new AccessorSource(packageName, className, service, version, selection.features(), fullNames,
        defaults);
    Path file = write(Path.of(namespace.getString("out")), source);
    out.println("Wrote " + file + ": " + selection.features().size() + " features of feature service '" + service
        + "' (version " + version.substring(0, Math.min(12, version.length())) + ")");
  }

  /** Refuses a service that is not at its registered version: its values may not be in Redis. */
  private static void requireApplied(FeatureRepository repository, RepositoryStores stores, String service) {
    ObjectKey key = new ObjectKey(ObjectKind.FEATURE_SERVICE, service);
    for (ObjectChange change : PlannedApply.against(repository, stores.registry()).plan().changes()) {
      if (change.key().equals(key) && change.action() != ObjectChange.Action.UNCHANGED) {
        String state = change.action() == ObjectChange.Action.ADDED ? "is not registered"
            : "differs from its registered version (it, or a view it uses, changed)";
        throw new NotAppliedException("feature service '" + service + "' " + state + "; apply the repository "
            + "(parity apply) first: the accessors must describe the definitions the server serves");
      }
    }
  }

  /** Writes the source under {@code root}, whole or not at all. */
  static Path write(Path root, AccessorSource source) {
    Path base = root.toAbsolutePath().normalize();
    Path file = base.resolve(source.relativePath()).normalize();
    if (!file.startsWith(base) || file.equals(base)) {
      throw new ParityException("--package '" + source.packageName() + "' would write outside --out " + root);
    }
    String text = source.render();
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "." + source.className(), ".tmp");
      try {
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new ParityException("cannot write " + file + ": " + e, e);
    }
    return file;
  }
}
