package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.stream.StoreNames;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the pair store across every instance: a key is read where Kafka Streams
 * says it is active (forwarded over HTTP when that is another instance); lists are gathered from
 * every instance and merged.
 */
public final class PairQueries {
  private final Supplier<KafkaStreams> streams;
  private final Supplier<HostInfo> self;
  private final Inventory inventory;
  private final Peers peers = new Peers();

  /** Raised when the store cannot answer now (starting, rebalancing, peer down). */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  public PairQueries(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, Inventory inventory) {
    this.streams = streams;
    this.self = self;
    this.inventory = inventory;
  }

  Inventory inventory() {
    return inventory;
  }

  private KafkaStreams running() {
    KafkaStreams s = streams.get();
    if (s == null || !s.state().isRunningOrRebalancing()) {
      throw new Unavailable(
          "the reconciler is not running yet (state "
              + (s == null ? "NOT_STARTED" : s.state())
              + ")");
    }
    return s;
  }

  private ReadOnlyKeyValueStore<String, PairState> localStore() {
    try {
      return running()
          .store(
              StoreQueryParameters.fromNameAndType(
                  StoreNames.PAIRS, QueryableStoreTypes.<String, PairState>keyValueStore()));
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new Unavailable("the pair store is not queryable now: " + e.getMessage());
    }
  }

  /** The pair's JSON, from whichever instance holds it; empty when unknown. */
  Optional<JsonNode> pair(
      String workflow, String partition, boolean forwarded, String authorization)
      throws IOException {
    String key = workflow + "/" + partition;
    if (!forwarded) {
      KeyQueryMetadata meta =
          running().queryMetadataForKey(StoreNames.PAIRS, key, Serdes.String().serializer());
      if (meta == null || meta.activeHost() == null || meta.activeHost().port() < 0) {
        throw new Unavailable("no instance holds " + key + " right now");
      }
      if (!meta.activeHost().equals(self.get())) {
        Peers.Answer a =
            peers.get(
                meta.activeHost(),
                "/v1/pairs/" + encode(workflow) + "/" + encode(partition),
                authorization);
        if (a.status() == 404) {
          return Optional.empty();
        }
        if (a.status() != 200) {
          throw new Unavailable(meta.activeHost() + " answered " + a.status() + ": " + a.body());
        }
        return Optional.of(a.body());
      }
    }
    PairState state = localStore().get(key);
    return Optional.ofNullable(state)
        .map(s -> PairJson.pair(s, inventory.rules(s.getWorkflow()), System.currentTimeMillis()));
  }

  /** Digest rows of the pairs held here. */
  ArrayNode localDigest() {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    long now = System.currentTimeMillis();
    try (KeyValueIterator<String, PairState> it = localStore().all()) {
      it.forEachRemaining(
          kv -> rows.add(PairJson.digest(kv.value, inventory.rules(kv.value.getWorkflow()), now)));
    }
    return rows;
  }

  /** Digest rows of every instance. */
  List<DigestRow> allDigests(String authorization) throws IOException {
    List<DigestRow> rows = new ArrayList<>();
    for (StreamsMetadata m : running().metadataForAllStreamsClients()) {
      JsonNode part;
      if (m.hostInfo().equals(self.get())) {
        part = localDigest();
      } else {
        Peers.Answer a = peers.get(m.hostInfo(), ReconcilerRoutes.DIGEST_PATH, authorization);
        if (a.status() != 200) {
          throw new Unavailable(m.hostInfo() + " answered " + a.status() + ": " + a.body());
        }
        part = a.body();
      }
      part.forEach(n -> rows.add(DigestRow.of(n)));
    }
    if (running().metadataForAllStreamsClients().isEmpty()) {
      localDigest().forEach(n -> rows.add(DigestRow.of(n)));
    }
    return rows;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static ObjectNode error(String reason) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", reason);
    return o;
  }
}
