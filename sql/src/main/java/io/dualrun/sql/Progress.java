package io.dualrun.sql;

import org.apache.flink.core.execution.JobClient;

/** What {@code dualrun sql} shows while a statement runs (on stderr, never on stdout). */
public interface Progress {
  /** Shows nothing. */
  Progress OFF = statement -> Tracker.NONE;

  /** A statement that will run a job is about to be planned and submitted. */
  Tracker begin(String statement);

  /** One statement's progress; closing it removes what it showed. */
  interface Tracker extends AutoCloseable {
    Tracker NONE =
        new Tracker() {
          @Override
          public void job(JobClient job) {}

          @Override
          public void close() {}
        };

    /** The job was submitted. */
    void job(JobClient job);

    @Override
    void close();
  }
}
