package io.dualrun.alerting.model;

/** One difference inside an alert member: which output/column, both sides' values, a sentence. */
public record FindingLine(
    String output, String column, String baselineValue, String candidateValue, String detail) {}
