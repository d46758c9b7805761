package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Names;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.Registry;
import dev.parity.server.api.ApplyJson;
import dev.parity.server.api.DefinitionJson;
import dev.parity.server.api.PlanJson;
import dev.parity.server.api.RegistryObjectsJson;
import dev.parity.server.auth.Role;
import dev.parity.server.core.AppliedChanges;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.errors.UnknownObjectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The definition registry over HTTP: registered objects with their versions
 * ({@code GET /registry/entities|sources|feature-views|feature-services|triggers[/{name}]}, feature
 * views including on-demand ones), {@code GET /registry/plan} (the configured repository against the
 * registry) and {@code POST /registry/apply} (apply it; the server then serves it). Reads need
 * role {@code reader}, apply {@code admin}.
 */
@jakarta.ws.rs.Path("/registry")
@Produces(MediaType.APPLICATION_JSON)
public final class RegistryResource {
  // Longer names cannot be registered (the registry refuses them), so they are simply not found.
  private static final int MAX_NAME_LENGTH = 200;

  private record Collection(String singular, List<DefinitionKind> kinds) {}

  private static final Map<String, Collection> COLLECTIONS = Map.of(
      "entities", new Collection("entity", List.of(DefinitionKind.ENTITY)),
      "sources", new Collection("source", List.of(DefinitionKind.SOURCE)),
      "feature-views", new Collection("feature view",
          List.of(DefinitionKind.FEATURE_VIEW, DefinitionKind.ON_DEMAND_FEATURE_VIEW)),
      "feature-services", new Collection("feature service", List.of(DefinitionKind.FEATURE_SERVICE)),
      "triggers", new Collection("trigger", List.of(DefinitionKind.TRIGGER)));

  private final RepositoryService repositories;
  private final Registry registry;
  private final Path repositoryDirectory;
  private final ServedDefinitions served;

  public RegistryResource(RepositoryService repositories, Registry registry, Path repositoryDirectory,
      ServedDefinitions served) {
    this.repositories = requireNonNull(repositories, "repositories is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.repositoryDirectory = requireNonNull(repositoryDirectory, "repositoryDirectory is null");
    this.served = requireNonNull(served, "served is null");
  }

  @GET
  @jakarta.ws.rs.Path("/plan")
  @Timed(name = "parity.http.registry.plan", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public PlanJson plan() {
    FeatureRepository repository = repositories.load(repositoryDirectory);
    return PlanJson.of(repositories.plan(repository, registry));
  }

  @POST
  @jakarta.ws.rs.Path("/apply")
  @Timed(name = "parity.http.registry.apply", absolute = true)
  @ExceptionMetered(name = "parity.http.registry.apply", absolute = true)
  @RolesAllowed(Role.ADMIN_ID)
  public ApplyJson apply() {
    FeatureRepository repository = repositories.load(repositoryDirectory);
    AppliedChanges applied = repositories.apply(repositories.plan(repository, registry), registry);
    served.replace(repository, repositories.plan(repository, registry).plan());
    return ApplyJson.of(applied);
  }

  @GET
  @jakarta.ws.rs.Path("/{collection}")
  @Timed(name = "parity.http.registry.list", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public RegistryObjectsJson list(@PathParam("collection") String collection) {
    String project = project();
    List<DefinitionJson> objects = collection(collection).kinds().stream()
        .flatMap(kind -> registry.current(project, kind).stream()).map(DefinitionJson::of).toList();
    return new RegistryObjectsJson(project, registry.revision(project), objects);
  }

  @GET
  @jakarta.ws.rs.Path("/{collection}/{name}")
  @Timed(name = "parity.http.registry.get", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public DefinitionJson get(@PathParam("collection") String collection, @PathParam("name") String name) {
    String project = project();
    Collection kinds = collection(collection);
    // Trigger names may also hold '-'; other names are identifiers.
    boolean wellFormed = Names.isIdentifier(name) || kinds.kinds().contains(DefinitionKind.TRIGGER)
        && Trigger.NAME.matcher(name).matches();
    if (wellFormed && name.length() <= MAX_NAME_LENGTH) {
      for (DefinitionKind kind : kinds.kinds()) {
        Optional<DefinitionJson> found = registry.current(project, new DefinitionRef(kind, name)).map(DefinitionJson::of);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new UnknownObjectException("no " + kinds.singular() + " '" + name + "' is registered in project '" + project + "'");
  }

  private String project() {
    return served.repository().config().project();
  }

  private static Collection collection(String name) {
    Collection kinds = COLLECTIONS.get(name);
    if (kinds == null) {
      throw new UnknownObjectException("unknown registry collection '" + name + "'; there are "
          + COLLECTIONS.keySet().stream().sorted().toList());
    }
    return kinds;
  }
}
