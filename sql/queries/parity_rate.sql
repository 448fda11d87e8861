-- Question: what share of the decided partitions match, per workflow and per day?
--
-- A pair's current verdict is its highest revision (a rerun that matches turns a MISMATCH into a
-- MATCH). partition_day is the partition's first 10 characters (yyyy-MM-dd), so hourly partitions
-- count towards their day. waived counts the MATCH_WITH_WAIVER pairs (every difference accepted by
-- a waiver) apart from the matching ones; parity_pct = (matching + waived) / decided * 100, rounded
-- to one decimal.
WITH current_verdicts AS (
  SELECT workflow, `partition`, outcome
  FROM (
    SELECT workflow, `partition`, outcome,
           ROW_NUMBER() OVER (PARTITION BY workflow, `partition` ORDER BY revision DESC) AS rn
    FROM verdicts)
  WHERE rn = 1
)
SELECT workflow,
       SUBSTRING(`partition` FROM 1 FOR 10) AS partition_day,
       COUNT(*) AS decided,
       SUM(CASE WHEN outcome = 'MATCH' THEN 1 ELSE 0 END) AS matching,
       SUM(CASE WHEN outcome = 'MATCH_WITH_WAIVER' THEN 1 ELSE 0 END) AS waived,
       CAST(ROUND(100.0 * SUM(CASE WHEN outcome IN ('MATCH', 'MATCH_WITH_WAIVER') THEN 1 ELSE 0 END)
                  / COUNT(*), 1)
            AS DECIMAL(4, 1)) AS parity_pct
FROM current_verdicts
GROUP BY workflow, SUBSTRING(`partition` FROM 1 FOR 10)
ORDER BY workflow, partition_day;
