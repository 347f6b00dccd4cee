-- The DuckDB peer of the reconciliation bench (tests/bench/reconcile-duckdb.ts fills in the file paths).
-- The same compare rules as the profile: key (visit_no, line_no); text trimmed; numbers with thousands
-- separators removed, amount within 0.005; charged_at as a timestamp whichever of 2026/11/20 08:05:03,
-- 2026-11-20T08:05:03 or 2026-11-20 08:05:03 it is written in. Columns are named by position, so the old file's
-- Chinese headers need no mapping. DuckDB cannot read GB18030: it is given a UTF-8 copy of that file.
CREATE TEMP MACRO num(x) AS TRY_CAST(replace(trim(x), ',', '') AS DOUBLE);
CREATE TEMP MACRO ts(x) AS coalesce(
  try_strptime(trim(x), '%Y/%m/%d %H:%M:%S'),
  try_strptime(trim(x), '%Y-%m-%dT%H:%M:%S'),
  try_strptime(trim(x), '%Y-%m-%d %H:%M:%S'));

-- Each side normalised once: text trimmed, numbers and times parsed (NULL when they do not parse, then the
-- trimmed text decides, as in the engine).
CREATE TEMP TABLE cmp AS
WITH
  o AS (SELECT trim(visit_no) AS k1, trim(line_no) AS k2, trim(patient_id) AS patient_id,
      trim(patient_name) AS patient_name, trim(dept) AS dept, trim(item_code) AS item_code,
      trim(item_name) AS item_name, trim(qty) AS qty, num(qty) AS qty_n, trim(unit_price) AS unit_price,
      num(unit_price) AS unit_price_n, trim(amount) AS amount, num(amount) AS amount_n,
      trim(charged_at) AS charged_at, ts(charged_at) AS charged_at_t, trim(status) AS status
    FROM read_csv('$OLD', header = true, all_varchar = true, quote = '"',
      names = ['visit_no','line_no','patient_id','patient_name','dept','item_code','item_name','qty','unit_price','amount','charged_at','status'])),
  n AS (SELECT trim(visit_no) AS k1, trim(line_no) AS k2, trim(patient_id) AS patient_id,
      trim(patient_name) AS patient_name, trim(dept) AS dept, trim(item_code) AS item_code,
      trim(item_name) AS item_name, trim(qty) AS qty, num(qty) AS qty_n, trim(unit_price) AS unit_price,
      num(unit_price) AS unit_price_n, trim(amount) AS amount, num(amount) AS amount_n,
      trim(charged_at) AS charged_at, ts(charged_at) AS charged_at_t, trim(status) AS status
    FROM read_csv('$NEW', header = true, all_varchar = true, quote = '"',
      names = ['visit_no','line_no','patient_id','patient_name','dept','item_code','item_name','qty','unit_price','amount','charged_at','status']))
SELECT
  o.k1 IS NOT NULL AS in_old,
  n.k1 IS NOT NULL AS in_new,
  o.patient_id IS DISTINCT FROM n.patient_id AS d_patient_id,
  o.patient_name IS DISTINCT FROM n.patient_name AS d_patient_name,
  o.dept IS DISTINCT FROM n.dept AS d_dept,
  o.item_code IS DISTINCT FROM n.item_code AS d_item_code,
  o.item_name IS DISTINCT FROM n.item_name AS d_item_name,
  CASE WHEN o.qty_n IS NULL OR n.qty_n IS NULL THEN o.qty IS DISTINCT FROM n.qty
       ELSE abs(o.qty_n - n.qty_n) > 1e-9 END AS d_qty,
  CASE WHEN o.unit_price_n IS NULL OR n.unit_price_n IS NULL THEN o.unit_price IS DISTINCT FROM n.unit_price
       ELSE abs(o.unit_price_n - n.unit_price_n) > 1e-9 END AS d_unit_price,
  CASE WHEN o.amount_n IS NULL OR n.amount_n IS NULL THEN o.amount IS DISTINCT FROM n.amount
       ELSE abs(o.amount_n - n.amount_n) > 0.005 + 1e-9 END AS d_amount,
  CASE WHEN o.charged_at_t IS NULL OR n.charged_at_t IS NULL THEN o.charged_at IS DISTINCT FROM n.charged_at
       ELSE o.charged_at_t <> n.charged_at_t END AS d_charged_at,
  o.status IS DISTINCT FROM n.status AS d_status
FROM o FULL OUTER JOIN n ON o.k1 = n.k1 AND o.k2 = n.k2;

SELECT
  count(*) FILTER (WHERE in_old) AS oldRows,
  count(*) FILTER (WHERE in_new) AS newRows,
  count(*) FILTER (WHERE in_old AND in_new) AS matched,
  count(*) FILTER (WHERE in_old AND NOT in_new) AS missingInNew,
  count(*) FILTER (WHERE in_new AND NOT in_old) AS missingInOld,
  count(*) FILTER (WHERE in_old AND in_new AND (d_patient_id OR d_patient_name OR d_dept OR d_item_code
    OR d_item_name OR d_qty OR d_unit_price OR d_amount OR d_charged_at OR d_status)) AS rowsWithDifferences,
  count(*) FILTER (WHERE in_old AND in_new AND d_patient_id) AS patient_id,
  count(*) FILTER (WHERE in_old AND in_new AND d_patient_name) AS patient_name,
  count(*) FILTER (WHERE in_old AND in_new AND d_dept) AS dept,
  count(*) FILTER (WHERE in_old AND in_new AND d_item_code) AS item_code,
  count(*) FILTER (WHERE in_old AND in_new AND d_item_name) AS item_name,
  count(*) FILTER (WHERE in_old AND in_new AND d_qty) AS qty,
  count(*) FILTER (WHERE in_old AND in_new AND d_unit_price) AS unit_price,
  count(*) FILTER (WHERE in_old AND in_new AND d_amount) AS amount,
  count(*) FILTER (WHERE in_old AND in_new AND d_charged_at) AS charged_at,
  count(*) FILTER (WHERE in_old AND in_new AND d_status) AS status
FROM cmp;
