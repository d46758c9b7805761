-- Definition registry. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
-- Definitions are immutable once stored (old training sets reference them); what changes is
-- which version is current, recorded as one change row per object per revision.

CREATE TABLE registry_project (
  name        VARCHAR(255) NOT NULL PRIMARY KEY,
  revision    BIGINT NOT NULL CHECK (revision >= 0),
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE registry_definition (
  project         VARCHAR(255) NOT NULL REFERENCES registry_project (name),
  kind            VARCHAR(32) NOT NULL
                  CHECK (kind IN ('entity', 'source', 'feature_view', 'on_demand_feature_view', 'feature_service')),
  name            VARCHAR(255) NOT NULL,
  version         CHAR(64) NOT NULL,
  definition      TEXT NOT NULL,
  first_revision  BIGINT NOT NULL,
  PRIMARY KEY (project, kind, name, version)
);

-- What an object version uses (a service its views, a view its source and entities), as given
-- by the caller; names only, resolved against the registry at a revision when needed.
CREATE TABLE registry_dependency (
  project       VARCHAR(255) NOT NULL,
  kind          VARCHAR(32) NOT NULL,
  name          VARCHAR(255) NOT NULL,
  version       CHAR(64) NOT NULL,
  depends_kind  VARCHAR(32) NOT NULL
                CHECK (depends_kind IN ('entity', 'source', 'feature_view', 'on_demand_feature_view', 'feature_service')),
  depends_name  VARCHAR(255) NOT NULL,
  PRIMARY KEY (project, kind, name, version, depends_kind, depends_name),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition (project, kind, name, version)
);

CREATE INDEX registry_dependency_target ON registry_dependency (project, depends_kind, depends_name);

-- One row each time an object is added, changed or removed; removed rows keep the last version.
CREATE TABLE registry_change (
  project     VARCHAR(255) NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  name        VARCHAR(255) NOT NULL,
  revision    BIGINT NOT NULL,
  version     CHAR(64) NOT NULL,
  removed     BOOLEAN NOT NULL,
  applied_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project, kind, name, revision),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition (project, kind, name, version)
);

-- The objects of the latest revision (removed objects have no row here).
CREATE TABLE registry_current (
  project   VARCHAR(255) NOT NULL,
  kind      VARCHAR(32) NOT NULL,
  name      VARCHAR(255) NOT NULL,
  version   CHAR(64) NOT NULL,
  revision  BIGINT NOT NULL,
  PRIMARY KEY (project, kind, name),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition (project, kind, name, version)
);
