/**
 * Marker package of the relocated Confluent Schema Registry client. The client classes live under
 * {@code org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client}.
 */
package io.dualrun.registry;
