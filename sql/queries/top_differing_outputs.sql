-- Question: which outputs differ most often between the two sides, and how?
--
-- Counts, per workflow, output and finding kind, the pairs whose current verdict (highest
-- revision) still has such a finding; findings that name no output (STATUS, DURATION) and
-- waived ones (accepted differences) are left out. The 20 most frequent first, with the first and last partition concerned.
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
       f.kind,
       COUNT(DISTINCT v.`partition`) AS pairs,
       MIN(v.`partition`) AS first_partition,
       MAX(v.`partition`) AS last_partition
FROM current_verdicts AS v
CROSS JOIN UNNEST(v.findings)
  AS f (kind, output, `column`, baselineValue, candidateValue, detail, `buckets`, waiver,
        differingColumns, equalColumns, hint)
WHERE f.output IS NOT NULL AND f.waiver IS NULL
GROUP BY v.workflow, f.output, f.kind
ORDER BY pairs DESC, workflow, output, kind
LIMIT 20;
