package io.dualrun.service.probe;

/** One thing a service needs before it can do its work (Kafka writable, the registry answering). */
public interface ReadinessCheck extends AutoCloseable {
  /** The outcome of one check. */
  record Result(boolean ok, String detail) {
    public static Result ok(String detail) {
      return new Result(true, detail);
    }

    public static Result failed(String detail) {
      return new Result(false, detail);
    }
  }

  /** A check of {@code name} answered by {@code check}. */
  static ReadinessCheck of(String name, java.util.function.Supplier<Result> check) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result check() {
        return check.get();
      }
    };
  }

  /** {@code check} under another name; closing it closes {@code check}. */
  static ReadinessCheck named(String name, ReadinessCheck check) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result check() {
        return check.check();
      }

      @Override
      public void close() {
        check.close();
      }
    };
  }

  /** A short name, the key in {@code /ready}'s answer. */
  String name();

  /** Checks now (bounded by the check's own timeout); never throws. */
  Result check();

  @Override
  default void close() {}
}
