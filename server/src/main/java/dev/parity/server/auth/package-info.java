/**
 * Bearer-token authentication with roles (docs/operations.md): tokens and their roles come from the server
 * configuration; resources declare the role they need with {@code @RolesAllowed}. Roles are
 * ordered: {@code admin} may do what {@code writer} may, and {@code writer} what {@code reader} may.
 * Dropwizard's admin pages take the same tokens through a servlet filter ({@code admin} for tasks,
 * {@code reader} for the rest, health checks optionally open).
 */
package dev.parity.server.auth;
