package dev.parity.server.mappers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malformed or mistyped request JSON: 400 with what is wrong and where ({@code line 1, column 12},
 * and the field path such as {@code entities.driver_id[1]}), a body over Jackson's stream limits
 * (nesting depth, string or number length) included. Failures to write a response are bugs: 500
 * with an error id.
 */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

  @Override
  public Response toResponse(JsonProcessingException failure) {
    return ErrorResponses.of(ErrorResponses.describe(LOG, failure));
  }

  /**
   * The 400 message for unreadable or mistyped request JSON, or null if {@code failure} is not
   * the request's fault (a response that could not be written, a type Jackson cannot build).
   */
  static String describe(JsonProcessingException failure) {
    // A syntax error or a limit inside a collection reaches us wrapped in a JsonMappingException with the path.
    JsonProcessingException read = failure instanceof JsonMappingException && isRead(failure.getCause())
        ? (JsonProcessingException) failure.getCause() : failure;
    if (failure instanceof InvalidDefinitionException || !(isRead(read) || read instanceof MismatchedInputException)) {
      return null;
    }
    StringBuilder message = new StringBuilder("malformed JSON request body");
    if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      message.append(" at ").append(path(mapping));
    }
    JsonLocation location = read.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
    }
    message.append(": ").append(firstLine(read.getOriginalMessage()));
    return message.toString();
  }

  /** A failure to read the JSON itself: its syntax, or one of the parser's limits. */
  private static boolean isRead(Throwable failure) {
    return failure instanceof StreamReadException || failure instanceof StreamConstraintsException;
  }

  private static String path(JsonMappingException failure) {
    return failure.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  private static String firstLine(String message) {
    // Jackson appends the list of known properties and a source excerpt on later lines.
    int newline = message == null ? -1 : message.indexOf('\n');
    String line = message == null ? "unreadable input" : newline < 0 ? message : message.substring(0, newline);
    // A limit names the Java method that sets it ("(1000, from `StreamReadConstraints.getMaxNestingDepth()`)").
    return line.replaceAll(", from `[^`]*`\\)", ")");
  }
}
