package dev.parity.server.feast;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.online.OnlineRequestException;
import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.mappers.ErrorResponses;
import dev.parity.server.errors.UnknownObjectException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error bodies for Feast's endpoints ({@code /get-online-features}, {@code /write-to-online-store},
 * {@code /push}) in the shape the client asks for. Parity's {@code {"code", "message"}} is the
 * default; Feast's shape is a JSON <em>string</em> holding {@code {"module": "feast.errors",
 * "class": "...", "message": "..."}}, which Feast's SDK decodes ({@code json.loads(response.json())})
 * and raises as that exception class, so that {@code except FeatureViewNotFoundException} works
 * against Parity as against Feast. The status is Parity's either way (Feast's SDK does not read it).
 *
 * <p>Which shape: the request's {@value #HEADER} header ({@code feast} or {@code parity}) when it
 * has one, otherwise the server's {@code feast.errorFormat}. Both exist because the unmodified SDK
 * sends no header of our choosing (a server of Feast clients sets the option), while a server
 * shared with Parity's own clients keeps Parity's shape and lets each Feast client ask; an unknown
 * header value falls back to the server's format rather than failing a request over how to word
 * its errors. Thread-safe.
 */
public final class FeastErrors {
  /** The request header that picks the error shape: {@code feast} or {@code parity}. */
  public static final String HEADER = "Parity-Error-Format";
  static final String MODULE = "feast.errors";
  private static final Logger LOG = LoggerFactory.getLogger(FeastErrors.class);

  private final ErrorFormat defaultFormat;
  private final ObjectMapper mapper;

  /** @param defaultFormat the shape when a request does not ask (the server's {@code feast.errorFormat}) */
  public FeastErrors(ErrorFormat defaultFormat, ObjectMapper mapper) {
    this.defaultFormat = requireNonNull(defaultFormat, "defaultFormat is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  /** The shape a request with {@value #HEADER} value {@code header} (or null) gets. */
  public ErrorFormat format(String header) {
    return ErrorFormat.fromId(header).orElse(defaultFormat);
  }

  /**
   * The body answering {@code failure} ({@code described} is what {@link ErrorResponses#describe}
   * made of it) to a request whose {@value #HEADER} header is {@code header} (or null).
   */
  public byte[] body(String header, Throwable failure, ErrorResponse described) {
    try {
      return format(header) == ErrorFormat.FEAST ? mapper.writeValueAsBytes(feastDetail(failure, described))
          : mapper.writeValueAsBytes(described);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write an error body", e);
    }
  }

  /** The Jersey response answering {@code failure}, described as the exception mappers describe it. */
  Response response(String header, Throwable failure) {
    ErrorResponse described = ErrorResponses.describe(LOG, failure);
    return Response.status(described.code()).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body(header, failure, described)).build();
  }

  /** Feast's error detail: the JSON text of {@code {"module", "class", "message"}}, itself a JSON string. */
  String feastDetail(Throwable failure, ErrorResponse described) throws JsonProcessingException {
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("module", MODULE);
    detail.put("class", feastClass(failure, described.code()));
    detail.put("message", described.message());
    return mapper.writeValueAsString(detail);
  }

  /**
   * The class of {@code feast.errors} Feast raises for what {@code failure} says; {@code FeastError}
   * (their common base) where Feast has no closer one. Parity's messages start the same way on
   * every path (the selection resolver, the lookup's request checks, this package's resources).
   */
  static String feastClass(Throwable failure, int status) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (failure instanceof UnknownDefinitionException || failure instanceof UnknownObjectException) {
      if (message.startsWith("unknown feature service")) {
        return "FeatureServiceNotFoundException";
      }
      if (message.startsWith("unknown feature view") || message.startsWith("unknown on-demand feature view")) {
        return "FeatureViewNotFoundException";
      }
      if (message.startsWith("unknown source") || message.startsWith("unknown push source")) {
        return "PushSourceNotFoundException";
      }
      if (message.startsWith("unknown entity")) {
        return "EntityNotFoundException";
      }
    }
    if (failure instanceof OnlineRequestException) {
      if (message.startsWith("the entities have no join key")) {
        return "EntityNotFoundException";
      }
      if (message.contains("needs request data field")) {
        return "RequestDataNotFoundInEntityRowsException";
      }
    }
    return status == 404 ? "FeastObjectNotFoundException" : "FeastError";
  }
}
