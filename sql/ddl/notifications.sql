-- Table notifications over topic dualrun.notifications.v1.
-- What alerting sent, to which receiver, with what result: one row per delivery attempt.
--
-- Usable as is in a Flink SQL client or SQL gateway (with flink-sql-connector-kafka and
-- flink-sql-avro-confluent-registry on its classpath): change 'properties.bootstrap.servers' and
-- 'value.avro-confluent.url' to your Kafka cluster and schema registry. `dualrun sql` sets both
-- itself and reads the topic from its first to its latest offset.
-- The columns are the Avro record's fields; reserved words among them need back-quotes
-- (`partition`, `time`, `buckets`). Enums are STRING; timestamp-millis fields are TIMESTAMP(3), UTC.
CREATE TABLE notifications (
  `pair_key` STRING COMMENT 'Kafka key: workflow/partition',
  `notificationId` STRING NOT NULL,
  `alertId` STRING NOT NULL,
  `workflow` STRING NOT NULL,
  `kind` STRING NOT NULL,
  `severity` STRING NOT NULL,
  `owner` STRING,
  `receiver` STRING NOT NULL,
  `receiverType` STRING NOT NULL,
  `action` STRING NOT NULL,
  `delivery` STRING NOT NULL,
  `attempt` INT NOT NULL,
  `statusCode` INT,
  `error` STRING,
  `partitions` ARRAY<STRING NOT NULL> NOT NULL,
  `time` TIMESTAMP(3) NOT NULL,
  `kafka_partition` INT METADATA FROM 'partition' VIRTUAL,
  `kafka_offset` BIGINT METADATA FROM 'offset' VIRTUAL,
  `kafka_timestamp` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `time` AS `time` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'dualrun.notifications.v1',
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
  'value.avro-confluent.schema' = '{"type":"record","name":"Notification","namespace":"io.dualrun.schemas.avro","fields":[{"name":"notificationId","type":"string"},{"name":"alertId","type":"string"},{"name":"workflow","type":"string"},{"name":"kind","type":"string"},{"name":"severity","type":"string"},{"name":"owner","type":["null","string"],"default":null},{"name":"receiver","type":"string"},{"name":"receiverType","type":"string"},{"name":"action","type":{"type":"enum","name":"NotificationAction","symbols":["OPEN","UPDATE","REPEAT","RESOLVE"]}},{"name":"delivery","type":{"type":"enum","name":"DeliveryResult","symbols":["DELIVERED","FAILED","SILENCED","RATE_LIMITED"]}},{"name":"attempt","type":"int"},{"name":"statusCode","type":["null","int"],"default":null},{"name":"error","type":["null","string"],"default":null},{"name":"partitions","type":{"type":"array","items":"string"},"default":[]},{"name":"time","type":{"type":"long","logicalType":"timestamp-millis"}}]}'
);
