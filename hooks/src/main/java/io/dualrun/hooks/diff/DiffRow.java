package io.dualrun.hooks.diff;

import java.util.List;

/**
 * One row as the fingerprint reads it: its key's canonical texts (key order) and each fingerprinted
 * column's canonical text (the side's column order; null for null).
 */
public record DiffRow(List<String> key, List<String> values) {}
