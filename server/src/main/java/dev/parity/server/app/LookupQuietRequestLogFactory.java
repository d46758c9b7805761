package dev.parity.server.app;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.access.common.spi.IAccessEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * Dropwizard's request log ({@code logback-access}, same {@code appenders}) without the
 * successful requests to {@code skipPaths}: by default {@code POST /get-online-features}, which
 * services call thousands of times a second and which the endpoint's metrics (rates, statuses,
 * latency histogram) and the sampled serving log already describe. Logging each of them cost
 * about a fifth of the server's CPU at 1 entity x 10 features (bench/HISTORY.md "HTTP lookups").
 * Lookups answered with 4xx or 5xx are still logged. The server's built-in configuration uses it;
 * in a configuration file: {@code server.requestLog: {type: parity, skipPaths: [...]}}, or
 * Dropwizard's {@code type: logback-access} to log every request.
 */
@JsonTypeName("parity")
public class LookupQuietRequestLogFactory extends LogbackAccessRequestLogFactory {
  /** The lookup path under the default Jersey root. */
  public static final String LOOKUP_PATH = "/get-online-features";

  @NotNull
  @JsonProperty
  private List<@NotNull String> skipPaths = List.of(LOOKUP_PATH);

  /**
   * Logs to the console through an appender that drops events when its queue is full rather than
   * wait: requests are logged on the thread that completes them, and lookups complete on Jetty's
   * selector threads (see {@link dev.parity.server.lookup.HandlerPlacement}).
   */
  public LookupQuietRequestLogFactory() {
    ConsoleAppenderFactory<IAccessEvent> console = new ConsoleAppenderFactory<>();
    console.setNeverBlock(true);
    setAppenders(List.of(console));
  }

  public List<String> getSkipPaths() {
    return skipPaths;
  }

  public void setSkipPaths(List<String> skipPaths) {
    this.skipPaths = List.copyOf(skipPaths);
  }

  @Override
  public RequestLog build(String name) {
    return new Quiet(super.build(name), Set.copyOf(skipPaths));
  }

  /** Passes on every request except successful ones to the quiet paths; starts and stops the log it wraps. */
  static final class Quiet extends ContainerLifeCycle implements RequestLog {
    private final RequestLog log;
    private final Set<String> paths;

    Quiet(RequestLog log, Set<String> paths) {
      this.log = requireNonNull(log, "log is null");
      this.paths = requireNonNull(paths, "paths are null");
      addBean(log);
    }

    @Override
    public void log(Request request, Response response) {
      if (response.getStatus() >= 400 || !paths.contains(request.getHttpURI().getPath())) {
        log.log(request, response);
      }
    }
  }
}
