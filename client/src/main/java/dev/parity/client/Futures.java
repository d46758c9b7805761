package dev.parity.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Waiting for a call, and handing its end to the caller's executor. */
final class Futures {
  private Futures() {}

  /**
   * The call's value, waiting for it; its failure rethrown as it is. The call ends by its
   * deadline, so this wait does too.
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw new ParityClientException("interrupted while waiting for the answer; the call was cancelled", 0, e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (CancellationException e) {
      throw new ParityClientException("the call was cancelled", 0, e);
    }
  }

  static ParityClientException unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof ParityClientException known ? known
        : new ParityClientException("unexpected failure of the call: " + cause, 0, cause);
  }

  /**
   * A future completed like {@code source} but on {@code executor} (run inline once the executor
   * refuses, when the client is closing), so that the caller's continuations never run on the
   * client's timer or I/O threads. Cancelling it cancels {@code source}.
   */
  static <T> CompletableFuture<T> on(CompletableFuture<T> source, Executor executor) {
    CompletableFuture<T> copy = new CompletableFuture<>();
    Executor orInline = task -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException closing) {
        task.run();
      }
    };
    source.whenCompleteAsync((value, failure) -> {
      if (failure == null) {
        copy.complete(value);
      } else if (failure instanceof CancellationException cancelled) {
        copy.cancel(false);
      } else {
        copy.completeExceptionally(unwrap(failure));
      }
    }, orInline);
    copy.whenComplete((value, failure) -> {
      if (copy.isCancelled()) {
        source.cancel(false);
      }
    });
    return copy;
  }
}
