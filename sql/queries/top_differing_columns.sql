-- Question: which columns differ most often between the two sides?
--
-- Counts, per workflow, output and column, the pairs whose current verdict (highest revision)
-- has a CONTENT finding naming that column among those whose hashes differ (fingerprints with
-- column hashes, see docs/fingerprint.md); waived findings (accepted differences) are left out.
-- The 20 most frequent first, with the first and last partition concerned.
WITH current_verdicts AS (
  SELECT workflow, `partition`, findings
  FROM (
    SELECT workflow, `partition`, findings,
           ROW_NUMBER() OVER (PARTITION BY workflow, `partition` ORDER BY revision DESC) AS rn
    FROM verdicts)
  WHERE rn = 1
)
SELECT v.workflow,
       f.output,
       c.name AS `column`,
       COUNT(DISTINCT v.`partition`) AS pairs,
       MIN(v.`partition`) AS first_partition,
       MAX(v.`partition`) AS last_partition
FROM current_verdicts AS v
CROSS JOIN UNNEST(v.findings)
  AS f (kind, output, `column`, baselineValue, candidateValue, detail, `buckets`, waiver,
        differingColumns, equalColumns, hint)
CROSS JOIN UNNEST(f.differingColumns) AS c (name)
WHERE f.kind = 'CONTENT' AND f.waiver IS NULL
GROUP BY v.workflow, f.output, c.name
ORDER BY pairs DESC, workflow, output, `column`
LIMIT 20;
