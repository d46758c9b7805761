/**
 * The HTTP resources, one per noun, each a thin layer over a service: the registry (read, plan,
 * apply), materializations, jobs, runs, push and metrics in Prometheus' text format. Roles are
 * declared with {@code @RolesAllowed} and enforced when authentication is on. Online lookups are
 * not a resource: they are answered in front of Jersey by {@code dev.parity.server.lookup}.
 */
package dev.parity.server.resources;
