/**
 * The HTTP resources, one per noun, each a thin layer over a service: online lookups in Feast's
 * shape, the registry (read, plan, apply) and metrics in Prometheus' text format. Roles are
 * declared with {@code @RolesAllowed} and enforced when authentication is on.
 */
package dev.parity.server.resources;
