package io.dualrun.alerting.receiver;

import java.util.List;

/** Where and how an e-mail receiver sends. */
public record SmtpSettings(
    String host,
    int port,
    String from,
    List<String> to,
    String username,
    String password,
    boolean startTls) {
  public SmtpSettings {
    to = List.copyOf(to);
  }
}
