-- Table fingerprints over topic dualrun.fingerprints.v1.
-- Output fingerprints from both sides: one row per declared output of one run attempt.
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `time`, `buckets`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE fingerprints (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `eventId` STRING NOT NULL,
  `workflow` STRING NOT NULL,
  `partition` STRING NOT NULL,
  `side` STRING NOT NULL,
  `runId` STRING NOT NULL,
  `attempt` INT NOT NULL,
  `output` STRING NOT NULL,
  `eventTime` TIMESTAMP(3) NOT NULL,
  `rowCount` BIGINT NOT NULL,
  `contentHash` STRING,
  `schema` ARRAY<ROW<`name` STRING NOT NULL, `type` STRING NOT NULL> NOT NULL> NOT NULL,
  `columns` ARRAY<ROW<`name` STRING NOT NULL, `nulls` BIGINT NOT NULL, `min` STRING, `max` STRING, `sum` STRING> NOT NULL> NOT NULL,
  `buckets` ROW<`keyColumns` ARRAY<STRING NOT NULL> NOT NULL, `rowCounts` ARRAY<BIGINT NOT NULL> NOT NULL, `hashes` ARRAY<STRING NOT NULL> NOT NULL>,
  `columnHashes` ROW<`keyColumns` ARRAY<STRING NOT NULL> NOT NULL, `hashes` ARRAY<ROW<`name` STRING NOT NULL, `hash` STRING NOT NULL> NOT NULL> NOT NULL>,
  `normalisation` STRING,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `eventTime` AS `eventTime` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.fingerprints.v1',
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
  'value.avro-confluent.schema' = '{"type":"record","name":"OutputFingerprint","namespace":"io.dualrun.schemas.avro","fields":[{"name":"eventId","type":"string"},{"name":"workflow","type":"string"},{"name":"partition","type":"string"},{"name":"side","type":{"type":"enum","name":"Side","symbols":["BASELINE","CANDIDATE"],"json":"lowercase"}},{"name":"runId","type":"string"},{"name":"attempt","type":"int"},{"name":"output","type":"string"},{"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"rowCount","type":"long"},{"name":"contentHash","type":["null","string"],"default":null},{"name":"schema","type":{"type":"array","items":{"type":"record","name":"ColumnType","fields":[{"name":"name","type":"string"},{"name":"type","type":"string"}]}},"default":[]},{"name":"columns","type":{"type":"array","items":{"type":"record","name":"ColumnStats","fields":[{"name":"name","type":"string"},{"name":"nulls","type":"long"},{"name":"min","type":["null","string"],"default":null},{"name":"max","type":["null","string"],"default":null},{"name":"sum","type":["null","string"],"default":null}]}},"default":[]},{"name":"buckets","type":["null",{"type":"record","name":"BucketHashes","fields":[{"name":"keyColumns","type":{"type":"array","items":"string"}},{"name":"rowCounts","type":{"type":"array","items":"long"}},{"name":"hashes","type":{"type":"array","items":"string"}}]}],"default":null},{"name":"columnHashes","type":["null",{"type":"record","name":"ColumnHashes","fields":[{"name":"keyColumns","type":{"type":"array","items":"string"}},{"name":"hashes","type":{"type":"array","items":{"type":"record","name":"ColumnHash","fields":[{"name":"name","type":"string"},{"name":"hash","type":"string"}]}}}]}],"default":null},{"name":"normalisation","type":["null","string"],"default":null}]}'
);
