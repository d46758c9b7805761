-- What a training set read, for lineage down to the data: the range of its entity table's event
-- times (what the model saw), and every file each source's path named when the set was built,
-- with its size and modification time (a later rewrite or a new file shows as a difference).
-- Training sets recorded before this version have none of it (NULL range, no files).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

ALTER TABLE training_set ADD COLUMN events_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE training_set ADD COLUMN events_to TIMESTAMP WITH TIME ZONE;

CREATE TABLE training_set_source_file (
  training_set_id  BIGINT NOT NULL REFERENCES training_set (id),
  file_index       INTEGER NOT NULL,
  source_name      VARCHAR(255) NOT NULL,
  path             VARCHAR(4096) NOT NULL,
  size_bytes       BIGINT NOT NULL,
  modified_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (training_set_id, file_index)
);
