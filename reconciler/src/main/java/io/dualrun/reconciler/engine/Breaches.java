package io.dualrun.reconciler.engine;

import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.StoredBreach;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Side;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/** Freshness breaches kept in the pair state, and their records on dualrun.freshness.v1. */
public final class Breaches {
  private static final BreachKind[] KINDS = BreachKind.values();
  private static final Side[] SIDES = Side.values();

  /** Each side's name as breach ids and details write it, by ordinal. */
  private static final String[] SIDE_NAMES =
      Arrays.stream(SIDES).map(x -> x.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

  private Breaches() {}

  public static String breachId(String workflow, String partition, BreachKind kind, Side side) {
    return workflow + "/" + partition + "/" + kind.name() + "/" + SIDE_NAMES[side.ordinal()];
  }

  public static StoredBreach find(PairState s, BreachKind kind, Side side) {
    for (StoredBreach b : s.getBreaches()) {
      if (b.getKind() == kind.ordinal() && b.getSide() == side.ordinal()) {
        return b;
      }
    }
    return null;
  }

  public static StoredBreach open(
      PairState s, BreachKind kind, Side side, long due, Long reference, long now) {
    StoredBreach b =
        new StoredBreach(kind.ordinal(), side.ordinal(), true, due, reference, now, null);
    s.getBreaches().add(b);
    return b;
  }

  public static BreachKind kind(StoredBreach b) {
    return KINDS[b.getKind()];
  }

  public static Side side(StoredBreach b) {
    return SIDES[b.getSide()];
  }

  /** The record announcing {@code b}'s current state. */
  public static FreshnessBreach record(PairState s, StoredBreach b, WorkflowSpec spec, long now) {
    BreachKind kind = kind(b);
    Side side = side(b);
    return FreshnessBreach.newBuilder()
        .setBreachId(breachId(s.getWorkflow(), s.getPartition(), kind, side))
        .setWorkflow(s.getWorkflow())
        .setPartition(s.getPartition())
        .setKind(kind)
        .setState(b.getOpen() ? BreachState.OPEN : BreachState.CLOSED)
        .setSide(side)
        .setDueTime(Instant.ofEpochMilli(b.getDueTime()))
        .setReferenceTime(
            b.getReferenceTime() == null ? null : Instant.ofEpochMilli(b.getReferenceTime()))
        .setObservedAt(Instant.ofEpochMilli(now))
        .setInventoried(spec.inventoried())
        .setOwner(spec.owner())
        .setTier(spec.inventoried() ? spec.tier() : null)
        .setDetail(detail(s, b, kind, side))
        .build();
  }

  private static String detail(PairState s, StoredBreach b, BreachKind kind, Side side) {
    String late = SIDE_NAMES[side.ordinal()];
    String pair = s.getWorkflow() + " " + s.getPartition();
    if (!b.getOpen()) {
      return "The " + late + " side of " + pair + " has now finished (" + kind.name() + " closed).";
    }
    if (kind == BreachKind.SLA_MISSED) {
      return "The "
          + late
          + " side of "
          + pair
          + " was not done by "
          + Instant.ofEpochMilli(b.getDueTime())
          + " (scheduled fire + SLA).";
    }
    String other = side == Side.BASELINE ? "candidate" : "baseline";
    return "The "
        + other
        + " side of "
        + pair
        + " succeeded at "
        + Instant.ofEpochMilli(b.getReferenceTime())
        + " but the "
        + late
        + " side had not finished by "
        + Instant.ofEpochMilli(b.getDueTime())
        + ".";
  }
}
