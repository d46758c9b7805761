package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.server.auth.AuthFactory;
import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.feast.FeastErrors;
import dev.parity.server.mappers.ErrorResponses;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a lookup's answer, JSON whatever it is, and meters it ({@link LookupMeters}): the values,
 * a failure as the resources' exception mappers would answer it ({@link ErrorResponses#describe}:
 * 400 bad request or JSON, 404 unknown service or view, 409 not applied, 413 too large, 503 Redis
 * unavailable, 500 with an error id), or a refusal with its header ({@code WWW-Authenticate} on
 * 401, {@code Allow} on 405). Thread-safe.
 */
final class LookupAnswers {
  /** Failures are logged under the handler's name, as they were when it answered them itself. */
  private static final Logger LOG = LoggerFactory.getLogger(OnlineFeaturesHandler.class);
  private static final HttpField JSON = MimeTypes.Type.APPLICATION_JSON.getContentTypeField();
  private static final HttpField CHALLENGE = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE, AuthFactory.CHALLENGE);
  private static final HttpField ALLOW = new PreEncodedHttpField(HttpHeader.ALLOW, "POST");

  private final ObjectWriter errors;
  private final LookupMeters meters;
  private final Ticker ticker;
  /** A failed lookup's error body in the shape the request asks for (Parity's or Feast's). */
  private final FeastErrors errorBodies;

  /** @param mapper the application's object mapper (errors are written as Jersey writes them) */
  LookupAnswers(ObjectMapper mapper, LookupMeters meters, Ticker ticker, FeastErrors errorBodies) {
    this.errors = mapper.writerFor(ErrorResponse.class);
    this.errorBodies = requireNonNull(errorBodies, "errorBodies is null");
    this.meters = requireNonNull(meters, "meters is null");
    this.ticker = requireNonNull(ticker, "ticker is null");
  }

  /** The time a lookup starts at, as {@link #send} measures it. */
  long start() {
    return ticker.read();
  }

  /** Answers the lookup started at {@code start} with {@code failure}. */
  void fail(Response response, Callback callback, long start, Exception failure) {
    meters.failed();
    ErrorResponse described = ErrorResponses.describe(LOG, failure);
    ByteBuffer answer;
    try {
      answer = ByteBuffer.wrap(errorBodies.body(response.getRequest().getHeaders().get(FeastErrors.HEADER), failure,
          described));
    } catch (RuntimeException unwritable) {
      callback.failed(unwritable);
      return;
    }
    send(response, callback, start, described.code(), answer);
  }

  /** Answers a lookup refused before its body was read. */
  void refuse(Response response, Callback callback, long start, Refusal refusal) throws IOException {
    if (refusal.status == 401) {
      response.getHeaders().put(CHALLENGE);
    } else if (refusal.status == 405) {
      response.getHeaders().put(ALLOW);
    }
    ByteBuffer answer = ByteBuffer.wrap(errors.writeValueAsBytes(new ErrorResponse(refusal.status, refusal.getMessage())));
    send(response, callback, start, refusal.status, answer);
  }

  /** Answers {@code status} with the JSON in {@code answer}. */
  void send(Response response, Callback callback, long start, int status, ByteBuffer answer) {
    meters.answered(status, ticker.read() - start);
    response.setStatus(status);
    response.getHeaders().put(JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.remaining());
    response.write(true, answer, callback);
  }
}
