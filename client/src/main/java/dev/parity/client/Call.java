package dev.parity.client;

import dev.parity.client.CircuitBreaker.Admission;
import dev.parity.client.Failures.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One call: its attempts, retries and hedge, ended by its deadline at the latest.
 *
 * <p>The first attempt goes to the next base URL in turn whose circuit admits it (none: the call
 * fails fast with {@link CircuitOpenException}). An attempt that fails in a way a retry may mend
 * is retried, once no other attempt of the call is still running, after a jittered backoff, if
 * the policy has attempts left, the retry can start before the deadline and the retry budget has
 * a retry; otherwise the call fails with that failure. A hedged attempt goes out after the hedge
 * delay while the first is still running, budget permitting; the first answer wins and the other
 * attempt is cancelled. At the deadline the call fails with {@link DeadlineExceededException} and
 * its running attempts are cancelled, which closes their connections.
 *
 * <p>State changes happen under this object's lock; completing the result, cancelling attempts
 * and calling the listener happen outside it, so that no lock is held while other code runs.
 */
final class Call<T> {
  /** Why an attempt was stopped before its end. */
  private enum Stop {
    /** It took longer than the attempt timeout: a failure of the server. */
    TIMEOUT,
    /** The call's deadline passed: a failure of the server too. */
    DEADLINE,
    /** Its hedge partner answered first: no verdict. */
    LOST,
    /** The caller cancelled the call: no verdict. */
    CALLER
  }

  private final ClientCore core;
  private final CallSpec spec;
  private final BodyParser<T> parser;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final long started;
  private final long deadline;
  /** The thread of a synchronous caller waiting for this call, or null: its attempts may run their exchange on it. */
  private final Thread caller;
  // Guarded by this.
  private final List<Attempt> running = new ArrayList<>();
  private int attempts;
  private int retries;
  private int rotation;
  private boolean hedged;
  private ParityClientException lastFailure;
  private Scheduler.Timer deadlineTimer = Scheduler.Timer.NONE;
  private Scheduler.Timer hedgeTimer = Scheduler.Timer.NONE;
  private Scheduler.Timer retryTimer = Scheduler.Timer.NONE;

  /** @param callerWaits whether the calling thread waits for the call's end (a synchronous call) */
  Call(ClientCore core, CallSpec spec, BodyParser<T> parser, boolean callerWaits) {
    this.core = core;
    this.spec = spec;
    this.parser = parser;
    this.caller = callerWaits ? Thread.currentThread() : null;
    this.started = core.ticker.read();
    this.deadline = started + spec.deadlineNanos();
  }

  /** The call's result, completed by its end. */
  CompletableFuture<T> result() {
    return result;
  }

  /**
   * Starts the call. For a synchronous caller this may run the first attempt's exchange on the
   * calling thread, returning when it is over.
   */
  CompletableFuture<T> start() {
    core.budget.deposit();
    synchronized (this) {
      rotation = core.nextRotation();
    }
    result.whenComplete((value, failure) -> ended(failure));
    Scheduler.Timer expiry = core.scheduler.schedule(this::expire, spec.deadlineNanos());
    long hedgeDelay = spec.hedgeDelayNanos();
    Scheduler.Timer hedge = hedgeDelay > 0 && hedgeDelay < spec.deadlineNanos()
        ? core.scheduler.schedule(this::hedge, hedgeDelay) : Scheduler.Timer.NONE;
    synchronized (this) {
      deadlineTimer = expiry;
      hedgeTimer = hedge;
    }
    if (result.isDone()) {
      expiry.cancel();
      hedge.cancel();
    }
    launch(false);
    return result;
  }

  /** Sends an attempt to the next base URL whose circuit admits it. */
  private void launch(boolean hedge) {
    int from;
    ParityClientException cause;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      from = rotation++;
      cause = lastFailure;
    }
    int count = core.endpoints.size();
    CircuitBreaker endpoint = null;
    Admission admission = Admission.REFUSED;
    for (int i = 0; i < count && admission == Admission.REFUSED; i++) {
      endpoint = core.endpoints.get(Math.floorMod(from + i, count));
      admission = endpoint.admit();
    }
    if (admission == Admission.REFUSED) {
      if (!hedge) {
        result.completeExceptionally(new CircuitOpenException(spec.operation() + ": the circuit breaker of "
            + (count == 1 ? core.endpoints.get(0).endpoint() : "every base URL " + core.circuits().keySet())
            + " is open after repeated failures; failing fast until it lets a probe through",
            cause != null ? cause : endpoint.lastFailure()));
      }
      return;
    }
    Attempt attempt = null;
    synchronized (this) {
      if (!result.isDone()) {
        attempt = new Attempt(endpoint, admission, ++attempts, hedge);
        running.add(attempt);
      }
    }
    if (attempt == null) {
      endpoint.abandoned(admission);
      return;
    }
    if (hedge) {
      core.listener.hedgeSent(spec.operation(), endpoint.endpoint());
    }
    attempt.send();
  }

  private void hedge() {
    synchronized (this) {
      // No running attempt: the first failed and a retry is waiting, which is as good as a hedge.
      if (result.isDone() || hedged || running.isEmpty()) {
        return;
      }
      hedged = true;
    }
    if (!core.budget.tryWithdraw()) {
      core.listener.retryBudgetExhausted(spec.operation());
      return;
    }
    launch(true);
  }

  private void expire() {
    DeadlineExceededException exceeded;
    synchronized (this) {
      exceeded = deadlineExceeded();
    }
    result.completeExceptionally(exceeded);
  }

  /** Under the lock: the failure of a call whose deadline passed. */
  private DeadlineExceededException deadlineExceeded() {
    ParityClientException cause = lastFailure;
    return new DeadlineExceededException(spec.operation() + ": no answer within the deadline of "
        + millis(spec.deadlineNanos()) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
        + (cause == null ? "" : "; last failure: " + cause.getMessage()) + ")", cause);
  }

  /** An attempt ended with a value ({@code failure} null) or a failure. */
  private void attemptEnded(Attempt attempt, T value, Failure failure) {
    Runnable next;
    synchronized (this) {
      running.remove(attempt);
      if (result.isDone()) {
        return;
      }
      if (failure == null) {
        next = () -> result.complete(value);
      } else if (!failure.retryable()) {
        next = () -> result.completeExceptionally(failure.exception());
      } else {
        lastFailure = failure.exception();
        if (!running.isEmpty()) {
          return; // the other attempt may still answer
        }
        next = retryOrFail();
      }
    }
    next.run();
  }

  private synchronized void forget(Attempt attempt) {
    running.remove(attempt);
  }

  /** Under the lock: what to do after a retryable failure with no attempt running. */
  private Runnable retryOrFail() {
    ParityClientException cause = lastFailure;
    Runnable fail = () -> result.completeExceptionally(cause);
    long now = core.ticker.read();
    if (now - deadline >= 0) {
      // The JDK's own timeout, or a late timer on a loaded machine, may report before the deadline's timer.
      DeadlineExceededException exceeded = deadlineExceeded();
      return () -> result.completeExceptionally(exceeded);
    }
    long base = core.retry.backoffNanos(retries + 1);
    long backoff = base - (long) (base / 2.0 * core.random.getAsDouble());
    if (retries + 1 >= core.retry.maxAttempts() || now + backoff - deadline >= 0) {
      return fail; // no attempts left, or the retry could not even start in time
    }
    if (!core.budget.tryWithdraw()) {
      return () -> {
        core.listener.retryBudgetExhausted(spec.operation());
        fail.run();
      };
    }
    int retry = ++retries;
    return () -> {
      core.listener.retryScheduled(spec.operation(), retry, Duration.ofNanos(backoff), cause);
      Scheduler.Timer timer = core.scheduler.schedule(() -> launch(false), backoff);
      synchronized (this) {
        retryTimer = timer;
      }
    };
  }

  /** The result is complete: stop the timers and whatever attempt still runs. */
  private void ended(Throwable failure) {
    List<Attempt> left;
    int made;
    synchronized (this) {
      left = List.copyOf(running);
      made = attempts;
      deadlineTimer.cancel();
      hedgeTimer.cancel();
      retryTimer.cancel();
    }
    Stop why = failure instanceof DeadlineExceededException ? Stop.DEADLINE
        : failure instanceof CancellationException ? Stop.CALLER : Stop.LOST;
    for (Attempt attempt : left) {
      attempt.stop(why);
    }
    ParityClientException reported = failure == null ? null : failure instanceof ParityClientException known ? known
        : new ParityClientException(spec.operation() + ": cancelled by the caller", 0, failure);
    core.listener.callEnded(spec.operation(), Duration.ofNanos(core.ticker.read() - started), made, reported);
  }

  private static String millis(long nanos) {
    return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : Duration.ofNanos(nanos).toString();
  }

  /**
   * One attempt: waits for a permit of the in-flight bound, sends, and reports its end exactly
   * once, whether it got an answer, failed, timed out or was stopped.
   */
  private final class Attempt {
    private final CircuitBreaker endpoint;
    private final Admission admission;
    private final int number;
    private final boolean hedge;
    private long sentAt;
    // Guarded by Attempt.this.
    private boolean over;
    private Stop stopped;
    private boolean holdsPermit;
    /** Whether the request went to the server: one that never left is no verdict on it. */
    private boolean sent;
    private CompletableFuture<Void> permit;
    private CompletableFuture<HttpAnswer> exchange;
    private Scheduler.Timer timeout = Scheduler.Timer.NONE;

    Attempt(CircuitBreaker endpoint, Admission admission, int number, boolean hedge) {
      this.endpoint = endpoint;
      this.admission = admission;
      this.number = number;
      this.hedge = hedge;
    }

    void send() {
      sentAt = core.ticker.read();
      long remaining = deadline - sentAt;
      Scheduler.Timer timer = spec.attemptTimeoutNanos() < remaining
          ? core.scheduler.schedule(() -> stop(Stop.TIMEOUT), spec.attemptTimeoutNanos()) : Scheduler.Timer.NONE;
      CompletableFuture<Void> granted = core.limiter.acquire();
      boolean stopNow;
      synchronized (this) {
        timeout = timer;
        permit = granted;
        stopNow = stopped != null;
      }
      if (stopNow) {
        granted.cancel(false); // a permit already granted is given back when exchange() sees the stop
      }
      granted.whenComplete((ignored, failure) -> {
        if (failure != null) {
          end(null, failure);
        } else {
          exchange();
        }
      });
    }

    private void exchange() {
      boolean stopNow;
      CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
      synchronized (this) {
        holdsPermit = true;
        stopNow = stopped != null;
        sent = !stopNow;
        exchange = answer; // from here stop() cancels it, whichever thread runs the exchange
      }
      if (stopNow) {
        end(null, new CancellationException("stopped before it was sent"));
        return;
      }
      answer.whenComplete(this::end);
      long budget = Math.max(1, Math.min(spec.attemptTimeoutNanos(), deadline - core.ticker.read()));
      try {
        // Only the caller's own thread, never a timer's or a pool's, may block on the exchange.
        core.transport.send(endpoint.endpoint(), spec, budget, Thread.currentThread() == caller, answer);
      } catch (RuntimeException refused) {
        answer.completeExceptionally(refused);
      }
    }

    /** Stops the attempt; its end is then reported with {@code why}. */
    void stop(Stop why) {
      CompletableFuture<?> waiting;
      CompletableFuture<?> sent;
      synchronized (this) {
        if (over || stopped != null) {
          return;
        }
        stopped = why;
        waiting = permit;
        sent = exchange;
      }
      if (sent != null) {
        sent.cancel(true);
      } else if (waiting != null) {
        waiting.cancel(false);
      }
    }

    private void end(HttpAnswer answer, Throwable failure) {
      Stop why;
      boolean release;
      boolean reachedServer;
      Scheduler.Timer timer;
      synchronized (this) {
        if (over) {
          return;
        }
        over = true;
        why = stopped;
        reachedServer = sent;
        release = holdsPermit;
        holdsPermit = false;
        timer = timeout;
      }
      timer.cancel();
      if (release) {
        core.limiter.release();
      }
      if (why == Stop.LOST || why == Stop.CALLER || why == Stop.DEADLINE && !reachedServer) {
        endpoint.abandoned(admission);
        forget(this); // the call is over already
        return;
      }
      T value = null;
      Failure outcome;
      if (why == Stop.TIMEOUT && !reachedServer) {
        outcome = Failures.ofNoConnection(spec, endpoint.endpoint());
      } else if (why == Stop.TIMEOUT) {
        outcome = Failures.ofAttemptTimeout(spec, endpoint.endpoint());
      } else if (why == Stop.DEADLINE) {
        outcome = Failures.ofDeadline(spec, endpoint.endpoint());
      } else if (failure != null) {
        outcome = Failures.ofTransport(spec, endpoint.endpoint(), failure);
      } else if (answer.status() >= 200 && answer.status() < 300) {
        outcome = null;
        try {
          value = parser.parse(answer.body());
        } catch (Exception malformed) {
          outcome = Failures.ofMalformed(spec, endpoint.endpoint(), malformed);
        }
      } else {
        outcome = Failures.ofStatus(spec, endpoint.endpoint(), answer);
      }
      if (!reachedServer) {
        endpoint.abandoned(admission); // waiting for a connection of our own bound says nothing of the server
      } else if (outcome == null || !outcome.blamesServer()) {
        endpoint.succeeded(admission);
      } else {
        endpoint.failed(admission, outcome.exception());
      }
      core.listener.attemptEnded(spec.operation(), endpoint.endpoint(), number, hedge,
          Duration.ofNanos(core.ticker.read() - sentAt), answer == null ? 0 : answer.status(),
          outcome == null ? null : outcome.exception());
      attemptEnded(this, value, outcome);
    }
  }
}
