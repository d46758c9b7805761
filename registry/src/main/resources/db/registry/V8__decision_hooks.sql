-- What the model's on_promote hooks did after an accepted promotion or rollback (docs/models.md):
-- a JSON array, one delivery record per hook (attempts, status codes, errors; a command's exit
-- code and output). Null when the model declares no hook. Portable SQL: H2 2.x and PostgreSQL.
ALTER TABLE model_decision ADD COLUMN hook_deliveries TEXT;
