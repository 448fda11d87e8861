package io.dualrun.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for services bound to the loopback address. */
public final class Ports {
  public static final String LOOPBACK = "127.0.0.1";

  /** How often a start on picked ports is tried when another process took one meanwhile. */
  public static final int AUTO_PORT_TRIES = 4;

  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new PlatformException("cannot find a free port on " + LOOPBACK + ": " + e.getMessage());
    }
  }

  /** {@code port} itself, or a free port when it is 0. */
  public static int resolve(int port) {
    return port == 0 ? free() : port;
  }

  /** Fails with one clear line when {@code port} cannot be bound on 127.0.0.1. */
  public static void requireFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
    } catch (IOException e) {
      throw new PlatformException(
          what
              + ": port "
              + port
              + " on "
              + LOOPBACK
              + " is already in use ("
              + e.getMessage()
              + ")");
    }
  }

  /** Whether {@code e} says a port could not be bound because something else holds it. */
  public static boolean isPortClash(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      // the JDK's bind, and the registry's (Quarkus) "Port N seems to be in use by another
      // process": a port picked free can be taken before the child binds it (an outgoing
      // connection's ephemeral port, say)
      if (m != null && (m.contains("already in use") || m.contains("in use by another process"))) {
        return true;
      }
    }
    return false;
  }

  /** Fails with a message naming {@code key} unless {@code port} is 0 (pick one) or 1–65535. */
  public static int validate(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          key + " must be between 1 and 65535 (or 0 for a free port), was " + port);
    }
    return port;
  }
}
