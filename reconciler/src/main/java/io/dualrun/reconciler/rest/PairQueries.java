package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.stream.ServingStores;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<KafkaStreams> streams;
  private final Supplier<HostInfo> self;
  private final Inventory inventory;
  private final ServingStores serving;
  private final Peers peers = new Peers();

  /** Raised when the store cannot answer now (starting, rebalancing, peer down). */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(message);
    }
  }

  /**
   * @param serving the pair stores this instance's active tasks are processing with: only those
   *     answer as current (Kafka Streams' own queries also read an active store being restored)
   */
  public PairQueries(
      Supplier<KafkaStreams> streams,
      Supplier<HostInfo> self,
      Inventory inventory,
      ServingStores serving) {
    this.streams = streams;
    this.self = self;
    this.inventory = inventory;
    this.serving = serving;
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

  /** Every copy held here: active (current, being restored) and standby; any may lag. */
  private ReadOnlyKeyValueStore<String, PairState> anyLocalCopy() {
    try {
      return running()
          .store(
              StoreQueryParameters.fromNameAndType(
                      StoreNames.PAIRS, QueryableStoreTypes.<String, PairState>keyValueStore())
                  .enableStaleStores());
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new Unavailable("the pair store is not queryable now: " + e.getMessage());
    }
  }

  /** The store of {@code partition} when an active task here processes it: current. */
  private ReadOnlyKeyValueStore<String, PairState> currentStore(int partition) {
    return serving
        .of(partition)
        .orElseThrow(
            () ->
                new Unavailable(
                    "does not process partition "
                        + partition
                        + " of the pair store now (its copy is being restored or moved)"));
  }

  /** The partition of the pair store holding {@code key}, as Kafka Streams assigns it. */
  private int partitionOf(String key) {
    KeyQueryMetadata meta =
        running().queryMetadataForKey(StoreNames.PAIRS, key, Serdes.String().serializer());
    if (meta == null || meta.partition() < 0) {
      throw new Unavailable("no partition of the pair store is known for " + key + " right now");
    }
    return meta.partition();
  }

  /**
   * The partitions of the pair store whose active task Kafka Streams assigned to this instance;
   * {@link Unavailable} before any assignment is known.
   */
  private java.util.Set<Integer> assignedHere() {
    var clients = running().metadataForAllStreamsClients();
    if (clients.isEmpty()) {
      throw new Unavailable("no task is assigned to any instance yet");
    }
    java.util.Set<Integer> partitions = new java.util.TreeSet<>();
    clients.stream()
        .filter(m -> m.hostInfo().equals(self.get()))
        .flatMap(m -> m.topicPartitions().stream())
        .filter(tp -> PAIR_SOURCES.contains(tp.topic()))
        .forEach(tp -> partitions.add(tp.partition()));
    return partitions;
  }

  private static final java.util.Set<String> PAIR_SOURCES =
      java.util.Set.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS);

  /**
   * How long one request may spend asking other instances: a client waiting 10 s for an answer gets
   * one (a copy, or 503 naming who did not answer) even when a peer hangs.
   */
  static final java.time.Duration BUDGET = java.time.Duration.ofSeconds(5);

  /**
   * The pair's JSON, from whichever instance holds it; empty when unknown. When the instance
   * holding it does not answer (it died and its tasks have not moved yet), a standby copy answers,
   * with {@code "stale": true}: it may lag the dead instance's last commit.
   *
   * @param forwarded asked by another instance: answer from this one's stores only
   * @param staleOk with {@code forwarded}: standby stores may answer too
   */
  Optional<JsonNode> pair(
      String workflow, String partition, boolean forwarded, boolean staleOk, String authorization)
      throws IOException {
    String key = workflow + "/" + partition;
    if (forwarded) {
      return staleOk ? anyLocal(key) : current(key, partitionOf(key));
    }
    String path = "/v1/pairs/" + encode(workflow) + "/" + encode(partition);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    KeyQueryMetadata meta =
        running().queryMetadataForKey(StoreNames.PAIRS, key, Serdes.String().serializer());
    if (meta == null || meta.activeHost() == null || meta.activeHost().port() < 0) {
      return anyCopy(
          key, path, authorization, List.of(), deadline, "no instance holds " + key + " right now");
    }
    String failure;
    if (meta.activeHost().equals(self.get())) {
      try {
        return current(key, meta.partition());
      } catch (Unavailable e) {
        failure = e.getMessage();
      }
    } else {
      try {
        Peers.Answer a =
            peers.get(meta.activeHost(), path, authorization, false, remaining(deadline));
        if (a.status() == 404) {
          return Optional.empty();
        }
        if (a.status() == 200) {
          return Optional.of(a.body());
        }
        failure = "answered " + a.status() + ": " + a.body();
      } catch (IOException e) {
        failure = Peers.describe(e);
      }
    }
    return anyCopy(
        key,
        path,
        authorization,
        List.copyOf(meta.standbyHosts()),
        deadline,
        "the instance holding "
            + key
            + " ("
            + meta.activeHost()
            + ") "
            + failure
            + (meta.standbyHosts().isEmpty()
                ? ", and no standby replica holds it (reconciler.streams.properties:"
                    + " num.standby.replicas)"
                : ""));
  }

  /** What is left of {@code deadline}; none left is a 503 naming what went wrong before. */
  private static java.time.Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return java.time.Duration.ofNanos(Math.max(left, 0));
  }

  /**
   * While tasks move (an instance died, a rebalance is under way) Kafka Streams may name no
   * instance for a key, or one that is gone: then any copy answers, marked stale: this instance's
   * first (a standby, or an active task still restoring), then the standby hosts Kafka Streams
   * names, then every other instance. A copy that lags may not hold a pair created lately, so no
   * copy's "none" is an answer: {@link Unavailable} when none holds the pair.
   */
  private Optional<JsonNode> anyCopy(
      String key,
      String path,
      String authorization,
      List<HostInfo> standbys,
      long deadline,
      String why) {
    List<String> silent = new ArrayList<>();
    try {
      Optional<JsonNode> here = anyLocal(key);
      if (here.isPresent()) {
        return here.map(PairQueries::markStale);
      }
    } catch (Unavailable e) {
      silent.add(self.get() + " (" + e.getMessage() + ")");
    }
    java.util.LinkedHashSet<HostInfo> others = new java.util.LinkedHashSet<>(standbys);
    running().metadataForAllStreamsClients().forEach(m -> others.add(m.hostInfo()));
    others.remove(self.get());
    for (HostInfo other : others) {
      java.time.Duration left = remaining(deadline);
      if (left.toMillis() < 100) {
        silent.add(other + " (not asked: " + BUDGET.toSeconds() + " s spent)");
        continue;
      }
      Optional<JsonNode> copy = fromCopy(other, path, authorization, left);
      if (copy == null) {
        silent.add(other.toString());
      } else if (copy.isPresent()) {
        return copy.map(PairQueries::markStale);
      }
    }
    if (!silent.isEmpty()) {
      throw new Unavailable(
          why
              + ", and no other copy could be read (no answer from "
              + String.join(", ", silent)
              + ")");
    }
    // only the copy an active task processes can say a pair does not exist: the others may lag
    throw new Unavailable(
        why + ", and no other copy holds it (it may have been created lately): retry shortly");
  }

  /** Another instance's copy (possibly empty), or null when it did not answer. */
  private Optional<JsonNode> fromCopy(
      HostInfo other, String path, String authorization, java.time.Duration timeout) {
    try {
      Peers.Answer a = peers.get(other, path, authorization, true, timeout);
      if (a.status() == 404) {
        return Optional.empty();
      }
      return a.status() == 200 ? Optional.of(a.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The pair from the active task here processing its partition: current. */
  private Optional<JsonNode> current(String key, int partition) {
    return read(currentStore(partition), key);
  }

  /** The pair from any copy here (active, being restored, standby): it may lag. */
  private Optional<JsonNode> anyLocal(String key) {
    return read(anyLocalCopy(), key);
  }

  private Optional<JsonNode> read(ReadOnlyKeyValueStore<String, PairState> store, String key) {
    PairState state;
    try {
      state = store.get(key);
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new Unavailable("the pair store is not queryable now: " + e.getMessage());
    }
    return Optional.ofNullable(state)
        .map(
            s ->
                JSON.valueToTree(
                    PairJson.pair(
                        s,
                        inventory.rules(s.getWorkflow()),
                        System.currentTimeMillis(),
                        drillDowns(key))));
  }

  /**
   * The latest automatic drill-down report of each output of the pair (docs/diff.md), from the
   * global store every instance holds; none when there is none or the store cannot answer now.
   */
  private List<io.dualrun.schemas.avro.DiffReport> drillDowns(String key) {
    List<io.dualrun.schemas.avro.DiffReport> reports = new ArrayList<>();
    ReadOnlyKeyValueStore<String, io.dualrun.schemas.avro.DiffReport> store;
    try {
      store =
          running()
              .store(
                  StoreQueryParameters.fromNameAndType(
                      StoreNames.DIFFS,
                      QueryableStoreTypes
                          .<String, io.dualrun.schemas.avro.DiffReport>keyValueStore()));
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException | Unavailable e) {
      return reports;
    }
    String[] range = io.dualrun.reconciler.stream.DiffReportsProcessor.range(key);
    try (KeyValueIterator<String, io.dualrun.schemas.avro.DiffReport> it =
        store.range(range[0], range[1])) {
      it.forEachRemaining(kv -> reports.add(kv.value));
    }
    return reports;
  }

  private static JsonNode markStale(JsonNode pair) {
    if (pair instanceof ObjectNode o) {
      o.put("stale", true);
    }
    return pair;
  }

  /**
   * Digest rows of the pairs held here: those of every partition assigned here as active, each
   * processed now ({@link Unavailable} when one is being restored or moved); or with {@code
   * staleOk} every copy held here, standby and being restored too.
   */
  List<DigestRow> localDigest(boolean staleOk) {
    List<DigestRow> rows = new ArrayList<>();
    if (staleOk) {
      addDigests(anyLocalCopy(), rows);
    } else {
      List<ReadOnlyKeyValueStore<String, PairState>> stores = new ArrayList<>();
      assignedHere().forEach(p -> stores.add(currentStore(p)));
      stores.forEach(store -> addDigests(store, rows));
    }
    return rows;
  }

  private void addDigests(ReadOnlyKeyValueStore<String, PairState> store, List<DigestRow> rows) {
    long now = System.currentTimeMillis();
    try (KeyValueIterator<String, PairState> it = store.all()) {
      it.forEachRemaining(
          kv -> rows.add(PairJson.digest(kv.value, inventory.rules(kv.value.getWorkflow()), now)));
    } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
      throw new Unavailable("the pair store is not queryable now: " + e.getMessage());
    }
  }

  /**
   * Digest rows of every instance, and the instances whose own pairs did not come back as active
   * copies (dead, or moving tasks in a rebalance): their pairs are taken from every copy that can
   * be read (standby copies on the others, and a rebalancing instance's own copies), so the rows
   * may lag for those.
   */
  record Digests(List<DigestRow> rows, List<String> staleFor) {}

  /**
   * Digest rows of every instance (see {@link Digests}); {@link Unavailable} only when no instance
   * could read any copy.
   */
  Digests allDigests(String authorization) {
    Map<String, DigestRow> rows = new LinkedHashMap<>();
    List<HostInfo> hosts = new ArrayList<>();
    running().metadataForAllStreamsClients().forEach(m -> hosts.add(m.hostInfo()));
    if (hosts.isEmpty()) {
      hosts.add(self.get());
    }
    List<String> silent = new ArrayList<>();
    List<HostInfo> reachable = new ArrayList<>();
    for (HostInfo host : hosts) {
      DigestAnswer a = digestOf(host, false, authorization);
      if (a.rows() == null) {
        silent.add(host.toString());
      } else {
        a.rows().forEach(r -> put(rows, r, true));
      }
      if (a.reachable()) {
        reachable.add(host);
      }
    }
    if (!silent.isEmpty()) {
      boolean anyCopy = silent.size() < hosts.size();
      for (HostInfo host : reachable) {
        List<DigestRow> part = digestOf(host, true, authorization).rows();
        if (part != null) {
          anyCopy = true;
          part.forEach(r -> put(rows, r, false));
        }
      }
      if (!anyCopy) {
        throw new Unavailable(
            "no instance could read its pairs (asked "
                + silent
                + "): state is moving between instances (rebalance or restore); retry shortly");
      }
    }
    return new Digests(new ArrayList<>(rows.values()), silent);
  }

  private static void put(Map<String, DigestRow> rows, DigestRow row, boolean active) {
    String key = row.workflow() + "/" + row.partition();
    if (active) {
      rows.put(key, row);
    } else {
      rows.putIfAbsent(key, row);
    }
  }

  /**
   * One instance's digest: {@code rows} null when it could not give them; {@code reachable} false
   * when it did not answer at all (then its copies are not asked for either).
   */
  private record DigestAnswer(List<DigestRow> rows, boolean reachable) {}

  private DigestAnswer digestOf(HostInfo host, boolean staleOk, String authorization) {
    if (host.equals(self.get())) {
      try {
        return new DigestAnswer(localDigest(staleOk), true);
      } catch (Unavailable | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
        return new DigestAnswer(null, true);
      }
    }
    try {
      Peers.Answer a =
          peers.get(
              host,
              ReconcilerRoutes.DIGEST_PATH + (staleOk ? "?stale=true" : ""),
              authorization,
              false);
      if (a.status() != 200) {
        return new DigestAnswer(null, true);
      }
      List<DigestRow> rows = new ArrayList<>();
      a.body().forEach(n -> rows.add(DigestRow.of(n)));
      return new DigestAnswer(rows, true);
    } catch (IOException e) {
      return new DigestAnswer(null, false);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static ErrorBody error(String reason) {
    return new ErrorBody(reason);
  }
}
