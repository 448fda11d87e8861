-- Table freshness_breaches over topic dualrun.freshness.v1.
-- Freshness breaches: one row when a breach opens and one when it closes (same breachId).
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `time`, `buckets`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE freshness_breaches (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `breachId` STRING NOT NULL,
  `workflow` STRING NOT NULL,
  `partition` STRING NOT NULL,
  `kind` STRING NOT NULL,
  `state` STRING NOT NULL,
  `side` STRING NOT NULL,
  `dueTime` TIMESTAMP(3) NOT NULL,
  `referenceTime` TIMESTAMP(3),
  `observedAt` TIMESTAMP(3) NOT NULL,
  `inventoried` BOOLEAN NOT NULL,
  `owner` STRING,
  `tier` INT,
  `detail` STRING NOT NULL,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `observedAt` AS `observedAt` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.freshness.v1',
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
  'value.avro-confluent.schema' = '{"type":"record","name":"FreshnessBreach","namespace":"io.dualrun.schemas.avro","fields":[{"name":"breachId","type":"string"},{"name":"workflow","type":"string"},{"name":"partition","type":"string"},{"name":"kind","type":{"type":"enum","name":"BreachKind","symbols":["CANDIDATE_LATE","BASELINE_LATE","SLA_MISSED"]}},{"name":"state","type":{"type":"enum","name":"BreachState","symbols":["OPEN","CLOSED"]}},{"name":"side","type":{"type":"enum","name":"Side","symbols":["BASELINE","CANDIDATE"],"json":"lowercase"}},{"name":"dueTime","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"referenceTime","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},{"name":"observedAt","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"inventoried","type":"boolean"},{"name":"owner","type":["null","string"],"default":null},{"name":"tier","type":["null","int"],"default":null},{"name":"detail","type":"string"}]}'
);
