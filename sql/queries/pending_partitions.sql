-- Question: which partitions have run events but no verdict yet?
--
-- Pairs seen in run_events (run-level events, i.e. without a task) that have no verdict revision.
-- For each side: the status of its latest event (highest attempt, then latest eventTime), or '-'
-- when that side has sent nothing; last_event_time is the later of the two sides' latest events.
WITH latest AS (
  SELECT workflow, `partition`, side, status, eventTime
  FROM (
    SELECT workflow, `partition`, side, status, eventTime,
           ROW_NUMBER() OVER (
             PARTITION BY workflow, `partition`, side ORDER BY attempt DESC, eventTime DESC) AS rn
    FROM run_events
    WHERE task IS NULL)
  WHERE rn = 1
),
pairs AS (
  SELECT workflow,
         `partition`,
         MAX(CASE WHEN side = 'BASELINE' THEN status END) AS baseline_status,
         MAX(CASE WHEN side = 'CANDIDATE' THEN status END) AS candidate_status,
         MAX(eventTime) AS last_event_time
  FROM latest
  GROUP BY workflow, `partition`
)
SELECT p.workflow,
       p.`partition`,
       COALESCE(p.baseline_status, '-') AS baseline,
       COALESCE(p.candidate_status, '-') AS candidate,
       p.last_event_time
FROM pairs AS p
WHERE NOT EXISTS (
  SELECT 1 FROM verdicts AS v WHERE v.workflow = p.workflow AND v.`partition` = p.`partition`)
ORDER BY p.workflow, p.`partition`;
