-- Question: how late does the late side arrive, per workflow?
--
-- One breach is one breachId: opened when a side misses its deadline (dueTime), closed when it
-- arrives. lag = whole minutes from dueTime to the close. Closed breaches are bucketed by lag;
-- breaches still open are counted apart (their lag is not known yet).
WITH breaches AS (
  SELECT workflow,
         breachId,
         MIN(dueTime) AS due_time,
         MAX(CASE WHEN state = 'CLOSED' THEN observedAt END) AS closed_at
  FROM freshness_breaches
  GROUP BY workflow, breachId
),
lags AS (
  SELECT workflow, closed_at, TIMESTAMPDIFF(MINUTE, due_time, closed_at) AS lag_min
  FROM breaches
)
SELECT workflow,
       COUNT(*) AS breaches,
       COUNT(*) - COUNT(closed_at) AS still_open,
       SUM(CASE WHEN lag_min < 15 THEN 1 ELSE 0 END) AS lag_under_15m,
       SUM(CASE WHEN lag_min >= 15 AND lag_min < 60 THEN 1 ELSE 0 END) AS lag_15m_to_1h,
       SUM(CASE WHEN lag_min >= 60 AND lag_min < 360 THEN 1 ELSE 0 END) AS lag_1h_to_6h,
       SUM(CASE WHEN lag_min >= 360 THEN 1 ELSE 0 END) AS lag_over_6h,
       CAST(AVG(CAST(lag_min AS DOUBLE)) AS DECIMAL(10, 1)) AS avg_lag_min,
       MAX(lag_min) AS max_lag_min
FROM lags
GROUP BY workflow
ORDER BY workflow;
