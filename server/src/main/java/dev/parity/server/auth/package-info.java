/**
 * Bearer-token authentication with roles (SPEC §8): tokens and their roles come from the server
 * configuration; resources declare the role they need with {@code @RolesAllowed}. Roles are
 * ordered: {@code admin} may do what {@code writer} may, and {@code writer} what {@code reader} may.
 */
package dev.parity.server.auth;
