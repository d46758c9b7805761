-- The skew statistics of one numeric feature, computed from the raw rows with DuckDB: the
-- independent reference SkewDuckDbReferenceTest compares the Java report with. Placeholders
-- (replaced by the test; replace them by hand to run it in the duckdb shell):
--   ${reference}, ${current}  Parquet files      ${bins}  quantile bins
--   ${value}  the column as a DOUBLE: CAST(c AS DOUBLE), or epoch_us(c)::DOUBLE for a timestamp
-- Result tables: edges(e), shares(bin, p, q) and stats(psi, js, ks, w1, sd, wasserstein, null_rate).

CREATE OR REPLACE TEMP TABLE ref AS SELECT ${value} AS x FROM read_parquet('${reference}');
CREATE OR REPLACE TEMP TABLE cur AS SELECT ${value} AS x FROM read_parquet('${current}');
CREATE OR REPLACE TEMP TABLE ref_finite AS SELECT x FROM ref WHERE x IS NOT NULL AND isfinite(x);
CREATE OR REPLACE TEMP TABLE cur_finite AS SELECT x FROM cur WHERE x IS NOT NULL AND isfinite(x);

-- Edge i/B: the least x whose share of values at most x reaches i/B; repeats and values at or
-- above the maximum dropped.
CREATE OR REPLACE TEMP TABLE ranked AS SELECT x, cume_dist() OVER (ORDER BY x) AS cd FROM ref_finite;
CREATE OR REPLACE TEMP TABLE edges AS
  SELECT DISTINCT e FROM (
    SELECT (SELECT min(x) FROM ranked WHERE cd >= i / ${bins}) AS e FROM range(1, ${bins}) AS t(i))
  WHERE e < (SELECT max(x) FROM ref_finite);

-- Bins: 0 below the minimum, 1 + (edges below x) within [min, max] (closed on the right),
-- m + 2 above the maximum, m + 3 missing (null or NaN).
CREATE OR REPLACE TEMP MACRO bin_of(v) AS
  CASE
    WHEN v IS NULL OR isnan(v) THEN (SELECT count(*) FROM edges) + 3
    WHEN v < (SELECT min(x) FROM ref_finite) THEN 0
    WHEN v > (SELECT max(x) FROM ref_finite) THEN (SELECT count(*) FROM edges) + 2
    ELSE 1 + (SELECT count(*) FROM edges WHERE e < v)
  END;
CREATE OR REPLACE TEMP TABLE all_bins AS SELECT range AS bin FROM range(0, (SELECT count(*) FROM edges) + 4);
CREATE OR REPLACE TEMP TABLE shares AS
  SELECT b.bin,
         coalesce(r.n, 0) / (SELECT count(*) FROM ref) AS p,
         coalesce(c.n, 0) / (SELECT count(*) FROM cur) AS q
  FROM all_bins b
  LEFT JOIN (SELECT bin_of(x) AS bin, count(*)::DOUBLE AS n FROM ref GROUP BY ALL) r USING (bin)
  LEFT JOIN (SELECT bin_of(x) AS bin, count(*)::DOUBLE AS n FROM cur GROUP BY ALL) c USING (bin);

-- Distribution functions over the union of finite values: d(x) = F_ref(x) - F_cur(x).
CREATE OR REPLACE TEMP TABLE steps AS
  WITH points AS (
    SELECT x, 1.0 / (SELECT count(*) FROM ref_finite) AS w FROM ref_finite
    UNION ALL
    SELECT x, -1.0 / (SELECT count(*) FROM cur_finite) AS w FROM cur_finite),
  grouped AS (SELECT x, sum(w) AS w FROM points GROUP BY x)
  SELECT x, sum(w) OVER (ORDER BY x) AS d, lead(x) OVER (ORDER BY x) AS next_x FROM grouped;

CREATE OR REPLACE TEMP TABLE stats AS
  WITH smoothed AS (
    SELECT CASE WHEN p = 0 THEN 1e-4 ELSE p END AS ps, CASE WHEN q = 0 THEN 1e-4 ELSE q END AS qs, p, q,
           (p + q) / 2 AS m
    FROM shares),
  binned AS (
    SELECT sum((qs - ps) * ln(qs / ps)) AS psi,
           sqrt(greatest(0, sum(CASE WHEN p > 0 THEN p * log2(p / m) ELSE 0 END) / 2
                          + sum(CASE WHEN q > 0 THEN q * log2(q / m) ELSE 0 END) / 2)) AS js
    FROM smoothed),
  functions AS (
    SELECT max(abs(d)) AS ks, sum(CASE WHEN next_x IS NULL THEN 0 ELSE abs(d) * (next_x - x) END) AS w1 FROM steps),
  deviation AS (SELECT stddev_pop(x) AS sd FROM ref_finite),
  missing AS (
    SELECT (SELECT count(*) FILTER (WHERE x IS NULL OR isnan(x)) FROM cur)::DOUBLE / (SELECT count(*) FROM cur)
         - (SELECT count(*) FILTER (WHERE x IS NULL OR isnan(x)) FROM ref)::DOUBLE / (SELECT count(*) FROM ref)
         AS null_rate)
  SELECT psi, js, ks, w1, sd, w1 / sd AS wasserstein, null_rate FROM binned, functions, deviation, missing;
