package io.dualrun.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

final class Schemas {
  private Schemas() {}

  static Schema record(String name, String... fields) {
    var builder = SchemaBuilder.record(name).namespace("io.dualrun.test").fields();
    for (String f : fields) {
      builder = builder.requiredString(f);
    }
    return builder.endRecord();
  }
}
