-- Triggers become registry objects (docs/triggers.md): planned, applied, versioned and removed with
-- the other definitions, one revision for all, with a dependency on the feature service they name.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- V1's CHECK on registry_definition.kind has no name, and each database generated its own, so it
-- cannot be dropped portably. The definition table is therefore recreated, with named checks
-- (later kinds can drop them by name), together with the three tables whose foreign keys point at
-- it; rows are copied unchanged. It also gains stored_at, when a version was first stored (for
-- rows of earlier revisions: when their first change was applied), which trigger versions need.

CREATE TABLE registry_definition_v9 (
  project         VARCHAR(255) NOT NULL REFERENCES registry_project (name),
  kind            VARCHAR(32) NOT NULL,
  name            VARCHAR(255) NOT NULL,
  version         CHAR(64) NOT NULL,
  definition      TEXT NOT NULL,
  first_revision  BIGINT NOT NULL,
  stored_at       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT registry_definition_kind CHECK (kind IN ('entity', 'source', 'feature_view',
      'on_demand_feature_view', 'feature_service', 'trigger')),
  PRIMARY KEY (project, kind, name, version)
);

INSERT INTO registry_definition_v9 (project, kind, name, version, definition, first_revision, stored_at)
SELECT d.project, d.kind, d.name, d.version, d.definition, d.first_revision,
       (SELECT MIN(c.applied_at) FROM registry_change c
         WHERE c.project = d.project AND c.kind = d.kind AND c.name = d.name AND c.version = d.version)
  FROM registry_definition d;

-- Only views and services are depended on; a trigger depends on its service.
CREATE TABLE registry_dependency_v9 (
  project       VARCHAR(255) NOT NULL,
  kind          VARCHAR(32) NOT NULL,
  name          VARCHAR(255) NOT NULL,
  version       CHAR(64) NOT NULL,
  depends_kind  VARCHAR(32) NOT NULL,
  depends_name  VARCHAR(255) NOT NULL,
  CONSTRAINT registry_dependency_kind CHECK (depends_kind IN ('entity', 'source', 'feature_view',
      'on_demand_feature_view', 'feature_service')),
  PRIMARY KEY (project, kind, name, version, depends_kind, depends_name),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition_v9 (project, kind, name, version)
);

INSERT INTO registry_dependency_v9 (project, kind, name, version, depends_kind, depends_name)
SELECT project, kind, name, version, depends_kind, depends_name FROM registry_dependency;

CREATE TABLE registry_change_v9 (
  project     VARCHAR(255) NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  name        VARCHAR(255) NOT NULL,
  revision    BIGINT NOT NULL,
  version     CHAR(64) NOT NULL,
  removed     BOOLEAN NOT NULL,
  applied_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project, kind, name, revision),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition_v9 (project, kind, name, version)
);

INSERT INTO registry_change_v9 (project, kind, name, revision, version, removed, applied_at)
SELECT project, kind, name, revision, version, removed, applied_at FROM registry_change;

CREATE TABLE registry_current_v9 (
  project   VARCHAR(255) NOT NULL,
  kind      VARCHAR(32) NOT NULL,
  name      VARCHAR(255) NOT NULL,
  version   CHAR(64) NOT NULL,
  revision  BIGINT NOT NULL,
  PRIMARY KEY (project, kind, name),
  FOREIGN KEY (project, kind, name, version) REFERENCES registry_definition_v9 (project, kind, name, version)
);

INSERT INTO registry_current_v9 (project, kind, name, version, revision)
SELECT project, kind, name, version, revision FROM registry_current;

-- The versions of trigger declarations that servers recorded before triggers were registered
-- (V5's trigger_definition) move into the registry, so there is one place a trigger version is
-- read from. They belong to no revision (first_revision 0: never applied, never current) and keep
-- when they were first seen. A project that only fired triggers gets its registry row at revision 0.
INSERT INTO registry_project (name, revision, updated_at)
SELECT t.project, 0, MIN(t.first_seen_at) FROM trigger_definition t
 WHERE NOT EXISTS (SELECT 1 FROM registry_project p WHERE p.name = t.project)
 GROUP BY t.project;

INSERT INTO registry_definition_v9 (project, kind, name, version, definition, first_revision, stored_at)
SELECT project, 'trigger', trigger_name, version, definition, 0, first_seen_at FROM trigger_definition;

DROP TABLE trigger_definition;
DROP TABLE registry_current;
DROP TABLE registry_change;
DROP TABLE registry_dependency;
DROP TABLE registry_definition;

ALTER TABLE registry_definition_v9 RENAME TO registry_definition;
ALTER TABLE registry_dependency_v9 RENAME TO registry_dependency;
ALTER TABLE registry_change_v9 RENAME TO registry_change;
ALTER TABLE registry_current_v9 RENAME TO registry_current;

CREATE INDEX registry_dependency_target ON registry_dependency (project, depends_kind, depends_name);
