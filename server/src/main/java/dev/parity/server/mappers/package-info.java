/**
 * How failures reach HTTP clients: the one mapping from a failure to its status and {@code
 * {"code", "message"}} body ({@link dev.parity.server.mappers.ErrorResponses#describe}), the
 * {@code ExceptionMapper}s and Jetty error handlers that answer with it, and the filter that reads
 * a refused request's body so that its connection stays usable. It knows the exceptions of the
 * services ({@code core}, the registry, the online store), so it sits above them; the lookup
 * handler, the jobs (a job's failure is what the endpoint would have answered) and the
 * application wiring use it. Unexpected failures are logged with an id and answered with a
 * generic 500 that names the id and nothing else.
 */
package dev.parity.server.mappers;
