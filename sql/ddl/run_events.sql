-- Table run_events over topic dualrun.run-events.v1.
-- Run events from both sides: one row per event, as the hooks sent them (an eventId may repeat;
-- the latest attempt wins).
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `time`, `buckets`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE run_events (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `eventId` STRING NOT NULL,
  `workflow` STRING NOT NULL,
  `partition` STRING NOT NULL,
  `side` STRING NOT NULL,
  `orchestrator` STRING NOT NULL,
  `runId` STRING NOT NULL,
  `attempt` INT NOT NULL,
  `status` STRING NOT NULL,
  `eventTime` TIMESTAMP(3) NOT NULL,
  `task` STRING,
  `error` STRING,
  `logUrl` STRING,
  `attributes` MAP<STRING NOT NULL, STRING NOT NULL> NOT NULL,
  `expectedOutputs` ARRAY<STRING NOT NULL> NOT NULL,
  `inputs` ARRAY<STRING NOT NULL> NOT NULL,
  `jobVersion` STRING,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `eventTime` AS `eventTime` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.run-events.v1',
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
  'value.avro-confluent.schema' = '{"type":"record","name":"RunEvent","namespace":"io.dualrun.schemas.avro","fields":[{"name":"eventId","type":"string"},{"name":"workflow","type":"string"},{"name":"partition","type":"string"},{"name":"side","type":{"type":"enum","name":"Side","symbols":["BASELINE","CANDIDATE"],"json":"lowercase"}},{"name":"orchestrator","type":"string"},{"name":"runId","type":"string"},{"name":"attempt","type":"int"},{"name":"status","type":{"type":"enum","name":"RunStatus","symbols":["STARTED","SUCCEEDED","FAILED","SKIPPED"]}},{"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"task","type":["null","string"],"default":null},{"name":"error","type":["null","string"],"default":null},{"name":"logUrl","type":["null","string"],"default":null},{"name":"attributes","type":{"type":"map","values":"string"},"default":{}},{"name":"expectedOutputs","type":{"type":"array","items":"string"},"default":[]},{"name":"inputs","type":{"type":"array","items":"string"},"default":[]},{"name":"jobVersion","type":["null","string"],"default":null}]}'
);
