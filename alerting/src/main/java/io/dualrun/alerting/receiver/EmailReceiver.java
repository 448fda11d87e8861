package io.dualrun.alerting.receiver;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** E-mail over SMTP: subject = title, body = plain text and HTML alternatives. */
public final class EmailReceiver implements Receiver {
  private final String name;
  private final SmtpSettings smtp;
  private final Session session;

  public EmailReceiver(ReceiverConfig config) {
    this.name = config.name();
    this.smtp = config.smtp();
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(config.timeout().toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(config.timeout().toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(config.timeout().toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    this.session = Session.getInstance(p);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ReceiverType type() {
    return ReceiverType.EMAIL;
  }

  @Override
  public int deliver(ReceiverRequest out) throws DeliveryException {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(smtp.from()));
      for (String to : smtp.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(out.message().title(), StandardCharsets.UTF_8.name());
      message.setHeader("X-Dualrun-Alert", out.idempotencyKey());
      message.setContent(body(out));
      if (smtp.username() != null) {
        Transport.send(message, smtp.username(), smtp.password());
      } else {
        Transport.send(message);
      }
      return 250;
    } catch (MessagingException e) {
      throw new DeliveryException(
          "SMTP " + smtp.host() + ":" + smtp.port() + ": " + e.getMessage(), e);
    }
  }

  private static Multipart body(ReceiverRequest out) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(out.message().text(), StandardCharsets.UTF_8.name());
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(out.message().html(), "text/html; charset=UTF-8");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    return alternative;
  }
}
