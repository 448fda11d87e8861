package io.dualrun.reconciler.policy;

/**
 * What the people running a migration have decided, as the reconciler knows it when it judges a
 * pair: the differences they accept (waivers) and the workflows that have cut over.
 */
public record Policies(WaiverBook waivers, CutoverBook cutovers) {
  /** No waiver, no cutover. */
  public static final Policies NONE = new Policies(WaiverBook.NONE, CutoverBook.NONE);

  public static Policies of(WaiverBook waivers) {
    return new Policies(waivers, CutoverBook.NONE);
  }
}
