/**
 * The pieces the server is put together from: the configuration factories that build and manage
 * the online store, the jobs, the serving log and the paths, the bind-address rules of
 * authentication, the request size limit and the request log. Depends on no package above it:
 * the application and its {@code server} command ({@code dev.parity.server}) assemble them.
 */
package dev.parity.server.app;
