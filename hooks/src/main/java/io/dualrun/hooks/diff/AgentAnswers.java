package io.dualrun.hooks.diff;

import io.dualrun.schemas.avro.DrillAnswer;
import io.dualrun.schemas.avro.DrillBucketSum;
import io.dualrun.schemas.avro.DrillRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A side agent's answer to one request, from its {@link DiffSide}: no Kafka here. A side that
 * cannot answer gives an answer with the reason, never no answer.
 */
public final class AgentAnswers {
  private AgentAnswers() {}

  public static DrillAnswer answer(DrillRequest request, DiffSide side) {
    DrillAnswer.Builder answer =
        DrillAnswer.newBuilder()
            .setRequestId(request.getRequestId())
            .setDrillId(request.getDrillId())
            .setAgent(request.getAgent());
    try {
      Set<Long> buckets = new HashSet<>(request.getBuckets());
      switch (request.getKind()) {
        case COLUMNS ->
            answer.setColumns(List.copyOf(side.columns())).setKeyColumns(side.keyColumns());
        case SUMS ->
            answer.setSums(
                sums(side.sums(request.getModulus(), request.getParentModulus(), buckets)));
        case ROWS -> answer.setRows(rows(side.rows(request.getModulus(), buckets)));
      }
    } catch (Exception e) {
      answer.setError(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return answer.build();
  }

  private static List<DrillBucketSum> sums(Map<Long, BucketSum> sums) {
    List<DrillBucketSum> out = new ArrayList<>(sums.size());
    new TreeMap<>(sums)
        .forEach((bucket, s) -> out.add(new DrillBucketSum(bucket, s.rows(), s.hash())));
    return out;
  }

  private static List<io.dualrun.schemas.avro.DrillRow> rows(List<DiffRow> rows) {
    List<io.dualrun.schemas.avro.DrillRow> out = new ArrayList<>(rows.size());
    for (DiffRow r : rows) {
      out.add(
          new io.dualrun.schemas.avro.DrillRow(
              new ArrayList<>(r.key()), new ArrayList<>(r.values())));
    }
    return out;
  }

  /** The bucket sums of an answer, as a {@link DiffSide} gives them. */
  public static Map<Long, BucketSum> sums(DrillAnswer answer) {
    Map<Long, BucketSum> out = new java.util.HashMap<>();
    for (DrillBucketSum s : answer.getSums()) {
      out.put(s.getBucket(), new BucketSum(s.getRows(), s.getHash()));
    }
    return out;
  }

  /** The rows of an answer, as a {@link DiffSide} gives them. */
  public static List<DiffRow> rows(DrillAnswer answer) {
    List<DiffRow> out = new ArrayList<>(answer.getRows().size());
    for (io.dualrun.schemas.avro.DrillRow r : answer.getRows()) {
      out.add(
          new DiffRow(
              java.util.Collections.unmodifiableList(new ArrayList<>(strings(r.getKey()))),
              java.util.Collections.unmodifiableList(new ArrayList<>(strings(r.getValues())))));
    }
    return out;
  }

  private static List<String> strings(List<? extends CharSequence> values) {
    List<String> out = new ArrayList<>(values.size());
    for (CharSequence v : values) {
      out.add(v == null ? null : v.toString());
    }
    return out;
  }
}
