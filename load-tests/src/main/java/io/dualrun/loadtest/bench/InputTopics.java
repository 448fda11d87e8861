package io.dualrun.loadtest.bench;

import io.dualrun.schemas.topic.TopicCatalog;
import java.util.ArrayList;
import java.util.List;

/** The reconciler's input topics, waited on with {@link io.dualrun.platform.GroupLag}. */
final class InputTopics {
  private InputTopics() {}

  static List<String> all() {
    return new ArrayList<>(List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS));
  }
}
