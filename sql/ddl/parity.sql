-- Table parity over topic dualrun.parity.v1 (upsert-kafka, key = workflow).
-- The parity of each workflow from the current verdict (highest revision) of each of its pairs,
-- kept up to date by the continuous job sql/jobs/parity_per_workflow.sql; one row per workflow, the
-- latest record of a key is its current row. Create the topic compacted (cleanup.policy=compact).
-- One writer (sink.parallelism 1): a row per workflow is little, and the value schema is then
-- registered once rather than by several writers at the same moment.
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic up to its latest offset; an upsert table can only be read in streaming
-- mode (SET 'execution.runtime-mode' = 'streaming').
CREATE TABLE parity (
  `workflow` STRING NOT NULL,
  `decided` BIGINT NOT NULL COMMENT 'pairs with a verdict',
  `matching` BIGINT NOT NULL COMMENT 'pairs whose current verdict is MATCH',
  `mismatching` BIGINT NOT NULL COMMENT 'pairs whose current verdict is MISMATCH',
  `waived` BIGINT NOT NULL COMMENT 'pairs whose current verdict is MATCH_WITH_WAIVER',
  `parity_pct` DECIMAL(4, 1) COMMENT '(matching + waived) / decided * 100, one decimal',
  `last_decided_at` TIMESTAMP(3) COMMENT 'decidedAt of the latest current verdict',
  PRIMARY KEY (`workflow`) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'dualrun.parity.v1',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'key.format' = 'raw',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://localhost:8081/apis/ccompat/v7',
  'value.fields-include' = 'ALL',
  'sink.parallelism' = '1'
);
