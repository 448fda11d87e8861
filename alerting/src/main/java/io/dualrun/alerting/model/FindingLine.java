package io.dualrun.alerting.model;

/**
 * One difference inside an alert member: which output/column, both sides' values, a sentence, and
 * the finding's root-cause hint (the evidence and the normalisation rule that would accept it; null
 * when none, and absent from alerts stored before hints existed).
 */
public record FindingLine(
    String output,
    String column,
    String baselineValue,
    String candidateValue,
    String detail,
    String hint) {}
