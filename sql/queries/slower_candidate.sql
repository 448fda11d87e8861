-- Question: on which workflows is the candidate slower than the baseline?
--
-- Over the pairs whose current verdict (highest revision) has a duration on both sides: the mean
-- duration of each side in seconds, their ratio (candidate / baseline) and how many of those pairs
-- ran longer on the candidate. Only workflows whose candidate is slower on average, slowest first.
WITH current_verdicts AS (
  SELECT workflow, baseline, candidate
  FROM (
    SELECT workflow, baseline, candidate,
           ROW_NUMBER() OVER (PARTITION BY workflow, `partition` ORDER BY revision DESC) AS rn
    FROM verdicts)
  WHERE rn = 1
),
durations AS (
  SELECT workflow,
         CAST(v.baseline.durationMs AS DOUBLE) AS baseline_ms,
         CAST(v.candidate.durationMs AS DOUBLE) AS candidate_ms
  FROM current_verdicts AS v
  WHERE v.baseline.durationMs IS NOT NULL AND v.candidate.durationMs IS NOT NULL
)
SELECT workflow,
       COUNT(*) AS pairs,
       SUM(CASE WHEN candidate_ms > baseline_ms THEN 1 ELSE 0 END) AS slower_pairs,
       CAST(AVG(baseline_ms) / 1000 AS DECIMAL(12, 1)) AS baseline_avg_s,
       CAST(AVG(candidate_ms) / 1000 AS DECIMAL(12, 1)) AS candidate_avg_s,
       CAST(AVG(candidate_ms) / AVG(baseline_ms) AS DECIMAL(8, 2)) AS ratio
FROM durations
GROUP BY workflow
HAVING AVG(candidate_ms) > AVG(baseline_ms)
ORDER BY ratio DESC, workflow;
