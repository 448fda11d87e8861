package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.registry.RegistryException;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalPlatformIT {
  private static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.startEphemeral();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void brokerAndRegistryReallyRunAndEveryCatalogTopicExists() throws Exception {
    assertThat(platform.broker().isRunning()).isTrue();
    assertThat(platform.registry().isRunning()).isTrue();
    assertThat(platform.registryUrl())
        .matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7")
        .doesNotEndWith(":8081/apis/ccompat/v7");
    assertThat(Files.readString(platform.broker().logFile()))
        .contains("Transition from STARTING to STARTED");
    assertThat(Files.readString(platform.registry().logFile()))
        .contains("apicurio-registry-app 2.6.13.Final")
        .contains("Listening on: http://127.0.0.1:" + platform.registry().port());
    try (Admin admin = Admin.create(platform.kafkaConfig())) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(platform.catalog().all().stream().map(Topic::name).toList());
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void everyRecordTypeRoundTripsThroughTheRealBrokerAndRegistry() throws Exception {
    TopicCatalog catalog = platform.catalog();
    roundTrip(catalog.runEvents(), PlatformSampleRecords.runEvent(1));
    roundTrip(catalog.fingerprints(), PlatformSampleRecords.fingerprint());
    roundTrip(catalog.verdicts(), PlatformSampleRecords.verdict());
    roundTrip(catalog.mismatches(), PlatformSampleRecords.verdict());
    roundTrip(catalog.freshness(), PlatformSampleRecords.breach());
    roundTrip(catalog.notifications(), PlatformSampleRecords.notification());
  }

  private static <V extends SpecificRecord> void roundTrip(Topic<String, V> topic, V value)
      throws Exception {
    RecordMetadata written =
        TopicIo.produce(platform, topic, PlatformSampleRecords.KEY, List.of(value)).get(0);

    ConsumerRecord<String, byte[]> raw =
        TopicIo.read(
                platform,
                topic.name(),
                written.partition(),
                written.offset(),
                1,
                new StringDeserializer(),
                new ByteArrayDeserializer())
            .get(0);
    assertThat(raw.value()[0]).as("magic byte").isZero();
    int idOnWire = ByteBuffer.wrap(raw.value(), 1, 4).getInt();
    SchemaRegistry fresh = SchemaRegistry.connect(platform.registrySettings());
    int idInRegistry = fresh.lookup(topic.name() + "-value", value.getSchema());
    assertThat(idOnWire).as("schema id of %s", topic.name()).isEqualTo(idInRegistry);
    assertThat(fresh.byId(idOnWire)).isEqualTo(value.getSchema());

    ConsumerRecord<String, V> read =
        TopicIo.read(
                platform,
                topic.name(),
                written.partition(),
                written.offset(),
                1,
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())
            .get(0);
    assertThat(read.key()).isEqualTo(PlatformSampleRecords.KEY);
    assertThat(read.value()).isEqualTo(value);
  }

  @Test
  void registryRefusesABackwardIncompatibleSchemaAndAcceptsACompatibleOne() throws Exception {
    SchemaRegistry client = SchemaRegistry.connect(platform.registrySettings());
    String subject = TopicCatalog.RUN_EVENTS + "-value";
    Schema current = io.dualrun.schemas.avro.RunEvent.getClassSchema();
    int currentId = client.register(subject, current);

    Schema incompatible = withExtraField(current, "region", false);
    assertThat(client.compatible(subject, incompatible)).isFalse();
    assertThatThrownBy(() -> client.register(subject, incompatible))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.isTransient()).isFalse();
            });

    Schema compatible = withExtraField(current, "region", true);
    assertThat(client.compatible(subject, compatible)).isTrue();
    int newId = client.register(subject, compatible);
    assertThat(newId).isNotEqualTo(currentId);
    assertThat(client.latestId(subject)).isEqualTo(newId);
  }

  private static Schema withExtraField(Schema base, String name, boolean optional) {
    List<Schema.Field> fields = new ArrayList<>();
    base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(
        optional
            ? new Schema.Field(
                name,
                Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "where the run happened",
                Schema.Field.NULL_DEFAULT_VALUE)
            : new Schema.Field(name, Schema.create(Schema.Type.STRING), "where the run happened"));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  @Test
  void garbageBytesOnATopicAreNamedWithTopicPartitionAndOffset() throws Exception {
    String topic = TopicCatalog.FRESHNESS;
    int partition = 3;
    RecordMetadata garbage;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            platform.kafkaConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      garbage =
          producer
              .send(
                  new ProducerRecord<>(
                      topic,
                      partition,
                      "k".getBytes(StandardCharsets.UTF_8),
                      "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
              .get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> config = platform.kafkaConfig();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Topic<String, ?> freshness = platform.catalog().freshness();
    try (KafkaConsumer<String, ?> consumer =
        new KafkaConsumer<>(
            config, freshness.keySerde().deserializer(), freshness.valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, garbage.offset());
      assertThatThrownBy(
              () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                  consumer.poll(Duration.ofMillis(200));
                }
              })
          .isInstanceOfSatisfying(
              RecordDeserializationException.class,
              e -> {
                assertThat(e.topicPartition()).isEqualTo(tp);
                assertThat(e.offset()).isEqualTo(garbage.offset());
                assertThat(e.getMessage())
                    .contains(topic + "-" + partition)
                    .contains("offset " + garbage.offset());
                assertThat(e.getCause().getMessage()).contains(topic).contains("magic byte 0x7b");
              });
    }
  }
}
