package io.dualrun.reconciler.engine;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.policy.Policies;
import io.dualrun.reconciler.state.PairCopy;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every judging rule of the reconciler, as one pure function: {@link #apply}{@code (state, input,
 * now)} gives the pair's new state, what to emit and when to look at the pair again. No Kafka in
 * sight: the Kafka Streams processor only loads the state, keeps the deadline index, forwards the
 * emissions and stores the result.
 *
 * <p>The rules: a record changes its side (latest attempt wins, duplicates change nothing, {@link
 * PairUpdater}); a material change, a passed deadline or an expected pair's due time judges the
 * pair ({@link PairEvaluator}: freshness breaches, the verdict and its revisions, purge after the
 * retention); an expected pair not done by its scheduled fire plus SLA opens SLA_MISSED for each
 * side not done; the pair's stored deadline is moved only when it must be (see {@link
 * #DEADLINE_SLACK_MS}); every MISMATCH verdict is emitted for the mismatches topic too.
 */
public final class PairEngine {
  /**
   * How much earlier than needed a pair's deadline may stay: an earlier deadline only means one
   * more look at the pair, which changes nothing when nothing is due. Keeping one up to the slack
   * early spares moving the index entry on every record (the retention deadline moves with each
   * activity), while a deadline that is no longer needed (a settle or grace period, once the pair
   * is decided) is dropped rather than judging the pair once more for nothing.
   */
  public static final long DEADLINE_SLACK_MS = 3_600_000L;

  /** What happens to a pair. */
  public sealed interface Input {
    /** A run event or a fingerprint of the pair arrived. */
    record Arrived(PairInput record) implements Input {}

    /** The pair's deadline passed (a grace, settle or retention period ended). */
    record DeadlinePassed() implements Input {}

    /** An inventoried pair was expected by {@code due} (scheduled fire plus SLA). */
    record ExpectedBy(WorkflowSpec spec, long due) implements Input {}
  }

  /**
   * What one input did to a pair.
   *
   * @param state the pair's new state (with its new deadline); null when the pair is purged or when
   *     nothing is to be stored
   * @param store whether {@code state} replaces the stored state
   * @param purge whether the pair is dropped (its retention passed)
   * @param emissions records to write, in order
   * @param lagSamples what the step teaches about the workflow's fingerprint lags, to be added to
   *     its {@link FingerprintLags}
   */
  public record Step(
      PairState state,
      boolean store,
      boolean purge,
      List<Emission> emissions,
      List<Long> lagSamples) {
    static final Step NOTHING = new Step(null, false, false, List.of(), List.of());

    /** The pair's deadline after this step, or null. */
    public Long deadline() {
      return state == null ? null : state.getDeadline();
    }
  }

  private final PairUpdater updater;
  private final PairEvaluator evaluator;

  public PairEngine(Inventory inventory, Mode mode, Duration retention, int seenIds) {
    this.updater = new PairUpdater(seenIds);
    this.evaluator = new PairEvaluator(inventory, mode, retention);
  }

  /**
   * {@link #apply(PairState, String, String, Input, long, FingerprintLags)} with nothing learned.
   */
  public Step apply(PairState stored, String workflow, String partition, Input input, long now) {
    return apply(stored, workflow, partition, input, now, FingerprintLags.NONE);
  }

  /**
   * Applies {@code input} to the pair {@code workflow/partition}, whose stored state is {@code
   * stored} (null: none), given what was learned of the workflow's fingerprint lags. {@code stored}
   * is never changed.
   */
  public Step apply(
      PairState stored,
      String workflow,
      String partition,
      Input input,
      long now,
      FingerprintLags lags) {
    return apply(stored, workflow, partition, input, now, lags, Policies.NONE);
  }

  /**
   * Same, the pair judged as {@code policies} say when it is decided: its findings accepted by the
   * active waivers of its workflow, on the candidate alone once its workflow has cut over.
   */
  public Step apply(
      PairState stored,
      String workflow,
      String partition,
      Input input,
      long now,
      FingerprintLags lags,
      Policies policies) {
    if (input instanceof Input.Arrived arrived) {
      return arrived(stored, workflow, partition, arrived.record(), now, lags, policies);
    }
    if (input instanceof Input.DeadlinePassed) {
      if (stored == null) {
        return Step.NOTHING;
      }
      PairState state = PairCopy.of(stored);
      state.setDeadline(null);
      return judge(state, now, new ArrayList<>(), lags, policies, List.of());
    }
    Input.ExpectedBy expected = (Input.ExpectedBy) input;
    PairState state =
        stored == null ? PairUpdater.empty(workflow, partition, now) : PairCopy.of(stored);
    return expectedBy(state, expected.spec(), expected.due(), now, lags, policies);
  }

  /** The record's side changes; a material change judges the pair. */
  private Step arrived(
      PairState stored,
      String workflow,
      String partition,
      PairInput in,
      long now,
      FingerprintLags lags,
      Policies policies) {
    if (stored != null && updater.isDuplicate(stored, in.eventId())) {
      return Step.NOTHING;
    }
    PairState state =
        stored == null ? PairUpdater.empty(workflow, partition, now) : PairCopy.of(stored);
    // duplicates were ruled out above (a pair without stored state has seen nothing)
    boolean material =
        in.isEvent()
            ? updater.applyUnseen(state, in.event())
            : updater.applyUnseen(state, in.fingerprint());
    if (!material) {
      return new Step(state, true, false, List.of(), List.of());
    }
    state.setLastActivity(Math.max(state.getLastActivity(), now));
    return judge(
        state, now, new ArrayList<>(), lags, policies, LagSamples.arrived(stored, state, in));
  }

  /** Every side not yet done gets an SLA_MISSED breach; a pair that got one is judged. */
  private Step expectedBy(
      PairState state,
      WorkflowSpec spec,
      long due,
      long now,
      FingerprintLags lags,
      Policies policies) {
    List<Emission> out = new ArrayList<>();
    boolean alone = policies.cutovers().alone(state.getWorkflow(), state.getPartition());
    for (Side side : Side.values()) {
      if (alone && side == Side.BASELINE) {
        // the workflow has cut over: the baseline no longer runs, nothing is expected of it
        continue;
      }
      SideState sideState = side == Side.BASELINE ? state.getBaseline() : state.getCandidate();
      SideView view = SideView.of(side, sideState);
      if ((view == null || !view.done())
          && Breaches.find(state, BreachKind.SLA_MISSED, side) == null) {
        var b = Breaches.open(state, BreachKind.SLA_MISSED, side, due, null, now);
        out.add(Emission.of(Breaches.record(state, b, spec, now)));
      }
    }
    if (out.isEmpty()) {
      return Step.NOTHING;
    }
    state.setLastActivity(Math.max(state.getLastActivity(), now));
    return judge(state, now, out, lags, policies, List.of());
  }

  /** Judges the pair and moves its deadline when it must ({@link #DEADLINE_SLACK_MS}). */
  private Step judge(
      PairState state,
      long now,
      List<Emission> out,
      FingerprintLags lags,
      Policies policies,
      List<Long> arrivalSamples) {
    PairEvaluator.Result result = evaluator.evaluate(state, now, lags, policies);
    List<Long> samples = arrivalSamples;
    if (!result.lagSamples().isEmpty()) {
      samples = new ArrayList<>(arrivalSamples);
      samples.addAll(result.lagSamples());
    }
    for (Emission e : result.emissions()) {
      out.add(e);
      if (e.isVerdict() && e.verdict().isMismatch()) {
        out.add(e.mismatchCopy());
      }
    }
    if (result.purge()) {
      return new Step(null, false, true, out, samples);
    }
    Long current = state.getDeadline();
    Long next = result.nextDeadline();
    if (current == null || next == null || next < current || next - current > DEADLINE_SLACK_MS) {
      state.setDeadline(next);
    }
    return new Step(state, true, false, out, samples);
  }
}
