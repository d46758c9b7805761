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

/** Which application connectors of a server configuration listen beyond loopback. Stateless. */
public final class BindAddresses {
  private BindAddresses() {}

  /**
   * The application connectors ({@code host:port}) that accept connections from other machines:
   * no bind host (all interfaces), a wildcard, or an address that is not loopback. Unknown
   * connector kinds count as exposed.
   */
  public static List<String> exposed(ServerFactory server) {
    List<ConnectorFactory> connectors = server instanceof DefaultServerFactory d ? d.getApplicationConnectors()
        : server instanceof SimpleServerFactory s ? List.of(s.getConnector()) : List.of();
    List<String> exposed = new ArrayList<>();
    if (connectors.isEmpty()) {
      exposed.add("a " + server.getClass().getSimpleName() + " (unknown connectors)");
    }
    for (ConnectorFactory connector : connectors) {
      if (!(connector instanceof HttpConnectorFactory http)) {
        exposed.add(connector.getClass().getSimpleName());
      } else if (!isLoopback(http.getBindHost())) {
        exposed.add((http.getBindHost() == null ? "0.0.0.0" : http.getBindHost()) + ":" + http.getPort());
      }
    }
    return exposed;
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
