package io.dualrun.inventory;

import io.dualrun.schemas.avro.Side;

/** A native (orchestrator, job) resolved through the inventory to a workflow and side. */
public record NativeRef(WorkflowSpec workflow, Side side, SideMapping mapping) {}
