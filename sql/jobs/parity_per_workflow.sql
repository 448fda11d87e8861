-- Job: keeps the parity table per workflow (table parity, topic dualrun.parity.v1) up to date.
--
-- A continuous streaming job: it reads every verdict from the earliest offset on and never ends;
-- each new verdict revision updates its workflow's row. A pair counts with its current verdict
-- (highest revision): matching (MATCH), mismatching (MISMATCH), waived (MATCH_WITH_WAIVER);
-- parity_pct = (matching + waived) / decided * 100, as in queries/parity_rate.sql.
--
-- Submit it to a session cluster, where it keeps running after dualrun sql returns its job id:
--   dualrun sql --flink jobmanager:8081 -f sql/jobs/parity_per_workflow.sql
-- Read the table: SET 'execution.runtime-mode' = 'streaming'; SELECT * FROM parity;
SET 'execution.runtime-mode' = 'streaming';
SET 'pipeline.name' = 'dualrun parity per workflow';
SET 'restart-strategy.type' = 'exponential-delay';
ALTER TABLE verdicts RESET ('scan.bounded.mode');
INSERT INTO parity
SELECT workflow,
       COUNT(*) AS decided,
       CAST(SUM(CASE WHEN outcome = 'MATCH' THEN 1 ELSE 0 END) AS BIGINT) AS matching,
       CAST(SUM(CASE WHEN outcome = 'MISMATCH' THEN 1 ELSE 0 END) AS BIGINT) AS mismatching,
       CAST(SUM(CASE WHEN outcome = 'MATCH_WITH_WAIVER' THEN 1 ELSE 0 END) AS BIGINT) AS waived,
       CAST(ROUND(100.0 * SUM(CASE WHEN outcome IN ('MATCH', 'MATCH_WITH_WAIVER') THEN 1 ELSE 0 END)
                  / COUNT(*), 1)
            AS DECIMAL(4, 1)) AS parity_pct,
       MAX(decided_at) AS last_decided_at
FROM (
  SELECT workflow, `partition`, outcome, CAST(decidedAt AS TIMESTAMP(3)) AS decided_at,
         ROW_NUMBER() OVER (PARTITION BY workflow, `partition` ORDER BY revision DESC) AS rn
  FROM verdicts)
WHERE rn = 1
GROUP BY workflow;
