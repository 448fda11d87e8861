package io.dualrun.reconciler.rest;

/** Every error answer of the reconciler's REST API: {@code {"error": "…"}}. */
public record ErrorBody(String error) {}
