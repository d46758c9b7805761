package dev.parity.server.app;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which connectors of a server configuration listen beyond loopback: the application and admin
 * connectors alike, since the admin connector serves metrics, thread dumps and tasks. Stateless.
 */
public final class BindAddresses {
  private BindAddresses() {}

  /**
   * The connectors ({@code host:port}, admin connectors followed by {@code (admin)}) that accept
   * connections from other machines: no bind host (all interfaces), a wildcard, or an address
   * that is not loopback. A default server's application and admin connectors, a simple server's
   * one connector (which serves the admin pages under its admin context path). Unknown connector
   * kinds count as exposed.
   */
  public static List<String> exposed(ServerFactory server) {
    List<String> exposed = new ArrayList<>();
    if (server instanceof DefaultServerFactory d) {
      exposed(d.getApplicationConnectors(), "", exposed);
      exposed(d.getAdminConnectors(), " (admin)", exposed);
      if (d.getApplicationConnectors().isEmpty()) {
        exposed.add("a " + server.getClass().getSimpleName() + " (no application connectors)");
      }
    } else if (server instanceof SimpleServerFactory s) {
      exposed(List.of(s.getConnector()), "", exposed);
    } else {
      exposed.add("a " + server.getClass().getSimpleName() + " (unknown connectors)");
    }
    return exposed;
  }

  private static void exposed(List<ConnectorFactory> connectors, String suffix, List<String> exposed) {
    for (ConnectorFactory connector : connectors) {
      if (!(connector instanceof HttpConnectorFactory http)) {
        exposed.add(connector.getClass().getSimpleName() + suffix);
      } else if (!isLoopback(http.getBindHost())) {
        exposed.add((http.getBindHost() == null ? "0.0.0.0" : http.getBindHost()) + ":" + http.getPort() + suffix);
      }
    }
  }

  private static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the bind host '" + host + "': " + e.getMessage(), e);
    }
  }
}
