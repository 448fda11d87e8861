-- Table mismatches over topic dualrun.mismatches.v1.
-- The MISMATCH verdict revisions only (same columns as verdicts).
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `time`, `buckets`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE mismatches (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `workflow` STRING NOT NULL,
  `partition` STRING NOT NULL,
  `revision` INT NOT NULL,
  `outcome` STRING NOT NULL,
  `previousOutcome` STRING,
  `resolution` BOOLEAN NOT NULL,
  `reason` STRING NOT NULL,
  `decidedAt` TIMESTAMP(3) NOT NULL,
  `inventoried` BOOLEAN NOT NULL,
  `owner` STRING,
  `tier` INT,
  `baseline` ROW<`orchestrator` STRING NOT NULL, `runId` STRING NOT NULL, `attempt` INT NOT NULL, `status` STRING NOT NULL, `startTime` TIMESTAMP(3), `endTime` TIMESTAMP(3), `durationMs` BIGINT, `failedTask` STRING, `error` STRING, `logUrl` STRING, `outputs` ARRAY<ROW<`output` STRING NOT NULL, `rowCount` BIGINT NOT NULL, `contentHash` STRING> NOT NULL> NOT NULL>,
  `candidate` ROW<`orchestrator` STRING NOT NULL, `runId` STRING NOT NULL, `attempt` INT NOT NULL, `status` STRING NOT NULL, `startTime` TIMESTAMP(3), `endTime` TIMESTAMP(3), `durationMs` BIGINT, `failedTask` STRING, `error` STRING, `logUrl` STRING, `outputs` ARRAY<ROW<`output` STRING NOT NULL, `rowCount` BIGINT NOT NULL, `contentHash` STRING> NOT NULL> NOT NULL>,
  `findings` ARRAY<ROW<`kind` STRING NOT NULL, `output` STRING, `column` STRING, `baselineValue` STRING, `candidateValue` STRING, `detail` STRING NOT NULL, `buckets` ARRAY<INT NOT NULL> NOT NULL, `waiver` STRING, `differingColumns` ARRAY<STRING NOT NULL> NOT NULL, `equalColumns` ARRAY<STRING NOT NULL> NOT NULL, `hint` STRING> NOT NULL> NOT NULL,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `decidedAt` AS `decidedAt` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.mismatches.v1',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'dualrun-sql',
  -- only what the writers committed: records of aborted transactions are never counted
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'pair_key',
  'value.fields-include' = 'EXCEPT_KEY',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://localhost:8081/apis/ccompat/v7',
  -- the reader schema: the record's own Avro schema, so that enums read as STRING
  'value.avro-confluent.schema' = '{"type":"record","name":"Verdict","namespace":"io.dualrun.schemas.avro","fields":[{"name":"workflow","type":"string"},{"name":"partition","type":"string"},{"name":"revision","type":"int"},{"name":"outcome","type":{"type":"enum","name":"Outcome","symbols":["MATCH","MISMATCH","MATCH_WITH_WAIVER"]}},{"name":"previousOutcome","type":["null","Outcome"],"default":null},{"name":"resolution","type":"boolean","default":false},{"name":"reason","type":{"type":"enum","name":"DecisionReason","symbols":["COMPLETE","SETTLED","FINGERPRINT_TIMEOUT","CANDIDATE_ALONE"]}},{"name":"decidedAt","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"inventoried","type":"boolean"},{"name":"owner","type":["null","string"],"default":null},{"name":"tier","type":["null","int"],"default":null},{"name":"baseline","type":["null",{"type":"record","name":"SideSummary","fields":[{"name":"orchestrator","type":"string"},{"name":"runId","type":"string"},{"name":"attempt","type":"int"},{"name":"status","type":{"type":"enum","name":"RunStatus","symbols":["STARTED","SUCCEEDED","FAILED","SKIPPED"]}},{"name":"startTime","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},{"name":"endTime","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},{"name":"durationMs","type":["null","long"],"default":null},{"name":"failedTask","type":["null","string"],"default":null},{"name":"error","type":["null","string"],"default":null},{"name":"logUrl","type":["null","string"],"default":null},{"name":"outputs","type":{"type":"array","items":{"type":"record","name":"OutputSummary","fields":[{"name":"output","type":"string"},{"name":"rowCount","type":"long"},{"name":"contentHash","type":["null","string"],"default":null}]}},"default":[]}]}],"default":null},{"name":"candidate","type":["null","SideSummary"],"default":null},{"name":"findings","type":{"type":"array","items":{"type":"record","name":"Finding","fields":[{"name":"kind","type":{"type":"enum","name":"FindingKind","symbols":["STATUS","OUTPUT_MISSING","ROW_COUNT","CONTENT","SCHEMA","COLUMN_STAT","DURATION"]}},{"name":"output","type":["null","string"],"default":null},{"name":"column","type":["null","string"],"default":null},{"name":"baselineValue","type":["null","string"],"default":null},{"name":"candidateValue","type":["null","string"],"default":null},{"name":"detail","type":"string"},{"name":"buckets","type":{"type":"array","items":"int"},"default":[]},{"name":"waiver","type":["null","string"],"default":null},{"name":"differingColumns","type":{"type":"array","items":"string"},"default":[]},{"name":"equalColumns","type":{"type":"array","items":"string"},"default":[]},{"name":"hint","type":["null","string"],"default":null}]}},"default":[]}]}'
);
