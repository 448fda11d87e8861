package io.dualrun.alerting.delivery;

import io.dualrun.schemas.avro.DeliveryResult;
import java.time.Instant;

/** The last alert version a receiver is done with: DELIVERED, SILENCED or FAILED (given up). */
public record LedgerEntry(long version, String action, DeliveryResult result, Instant time) {}
