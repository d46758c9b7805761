-- The skew statistics of one categorical feature (string, or bool as 'true'/'false'), computed
-- from the raw rows with DuckDB for SkewDuckDbReferenceTest. Placeholders:
--   ${reference}, ${current}  Parquet files      ${column}  the column      ${top_k}  categories kept
-- Result tables: shares(label, p, q) and stats(linf, null_rate).

CREATE OR REPLACE TEMP TABLE ref AS SELECT CAST(${column} AS VARCHAR) AS v FROM read_parquet('${reference}');
CREATE OR REPLACE TEMP TABLE cur AS SELECT CAST(${column} AS VARCHAR) AS v FROM read_parquet('${current}');

-- The reference's most frequent categories, ties in text order.
CREATE OR REPLACE TEMP TABLE top AS
  SELECT v FROM ref WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT ${top_k};
CREATE OR REPLACE TEMP MACRO label_of(x) AS
  CASE WHEN x IS NULL THEN '(missing)' WHEN x IN (SELECT v FROM top) THEN x ELSE '(other)' END;
CREATE OR REPLACE TEMP TABLE labels AS SELECT v AS label FROM top UNION ALL SELECT '(other)' UNION ALL SELECT '(missing)';
CREATE OR REPLACE TEMP TABLE shares AS
  SELECT l.label,
         coalesce(r.n, 0) / (SELECT count(*) FROM ref) AS p,
         coalesce(c.n, 0) / (SELECT count(*) FROM cur) AS q
  FROM labels l
  LEFT JOIN (SELECT label_of(v) AS label, count(*)::DOUBLE AS n FROM ref GROUP BY ALL) r USING (label)
  LEFT JOIN (SELECT label_of(v) AS label, count(*)::DOUBLE AS n FROM cur GROUP BY ALL) c USING (label);

CREATE OR REPLACE TEMP TABLE stats AS
  SELECT (SELECT max(abs(p - q)) FROM shares) AS linf,
         (SELECT count(*) FILTER (WHERE v IS NULL) FROM cur)::DOUBLE / (SELECT count(*) FROM cur)
       - (SELECT count(*) FILTER (WHERE v IS NULL) FROM ref)::DOUBLE / (SELECT count(*) FROM ref) AS null_rate;
