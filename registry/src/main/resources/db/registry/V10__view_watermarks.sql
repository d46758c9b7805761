-- How far each feature view's pushed data reaches (docs/triggers.md, new_data triggers on a view):
-- the newest event time any push wrote to the view, moved forward only, and when it last moved.
-- Materializations need no table of their own: materialization_run already records their interval
-- ends. Portable SQL: H2 2.x and PostgreSQL.
CREATE TABLE push_watermark (
  project       VARCHAR(255) NOT NULL,
  view_name     VARCHAR(255) NOT NULL,
  event_time    TIMESTAMP WITH TIME ZONE NOT NULL,
  moved_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project, view_name)
);
