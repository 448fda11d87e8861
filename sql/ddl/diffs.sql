-- Table diffs over topic dualrun.diffs.v1.
-- The automatic drill-downs' reports (dualrun drilldown): per pair and output of a CONTENT mismatch,
-- the differing rows found through the two sides' agents, or why none were (docs/diff.md). The
-- latest report per pair and output is the answer; PENDING ones are ended by a later report.
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `rows`, `key`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE diffs (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `workflow` STRING NOT NULL,
  `partition` STRING NOT NULL,
  `output` STRING NOT NULL,
  `revision` INT NOT NULL,
  `drillId` STRING NOT NULL,
  `status` STRING NOT NULL,
  `message` STRING,
  `baselineAgent` STRING NOT NULL,
  `candidateAgent` STRING NOT NULL,
  `keyColumns` ARRAY<STRING NOT NULL> NOT NULL,
  `columns` ARRAY<STRING NOT NULL> NOT NULL,
  `onlyInBaseline` BIGINT NOT NULL,
  `onlyInCandidate` BIGINT NOT NULL,
  `changed` BIGINT NOT NULL,
  `rows` ARRAY<ROW<`kind` STRING NOT NULL, `key` ARRAY<STRING> NOT NULL, `changedColumns` ARRAY<STRING NOT NULL> NOT NULL, `baseline` ARRAY<STRING>, `candidate` ARRAY<STRING>> NOT NULL> NOT NULL,
  `bytesCrossed` BIGINT NOT NULL,
  `startedAt` TIMESTAMP(3) NOT NULL,
  `finishedAt` TIMESTAMP(3) NOT NULL,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `finishedAt` AS `finishedAt` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.diffs.v1',
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
  'value.avro-confluent.schema' = '{"type":"record","name":"DiffReport","namespace":"io.dualrun.schemas.avro","fields":[{"name":"workflow","type":"string"},{"name":"partition","type":"string"},{"name":"output","type":"string"},{"name":"revision","type":"int"},{"name":"drillId","type":"string"},{"name":"status","type":{"type":"enum","name":"DiffStatus","symbols":["DIFFERENT","PARTIAL","EQUAL","CHANGED","TIMED_OUT","FAILED","PENDING"]}},{"name":"message","type":["null","string"],"default":null},{"name":"baselineAgent","type":"string"},{"name":"candidateAgent","type":"string"},{"name":"keyColumns","type":{"type":"array","items":"string"},"default":[]},{"name":"columns","type":{"type":"array","items":"string"},"default":[]},{"name":"onlyInBaseline","type":"long","default":0},{"name":"onlyInCandidate","type":"long","default":0},{"name":"changed","type":"long","default":0},{"name":"rows","type":{"type":"array","items":{"type":"record","name":"RowDifference","fields":[{"name":"kind","type":{"type":"enum","name":"RowDifferenceKind","symbols":["ONLY_IN_BASELINE","ONLY_IN_CANDIDATE","CHANGED"]}},{"name":"key","type":{"type":"array","items":["null","string"]}},{"name":"changedColumns","type":{"type":"array","items":"string"},"default":[]},{"name":"baseline","type":["null",{"type":"array","items":["null","string"]}],"default":null},{"name":"candidate","type":["null",{"type":"array","items":["null","string"]}],"default":null}]}},"default":[]},{"name":"bytesCrossed","type":"long","default":0},{"name":"startedAt","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"finishedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}'
);
