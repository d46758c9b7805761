-- Reports linked to what they are about (issue 17): the feature service and its version, the
-- training set compared, the time range of the serving log; and the verdict. Rows of version 2
-- keep nulls. (V5 belongs to trigger runs.)
ALTER TABLE skew_report ADD COLUMN service VARCHAR(255);
ALTER TABLE skew_report ADD COLUMN service_version VARCHAR(64);
ALTER TABLE skew_report ADD COLUMN training_set_id BIGINT REFERENCES training_set (id);
ALTER TABLE skew_report ADD COLUMN range_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE skew_report ADD COLUMN range_to TIMESTAMP WITH TIME ZONE;
ALTER TABLE skew_report ADD COLUMN verdict VARCHAR(16);
CREATE INDEX skew_report_service ON skew_report (project, service, created_at);
