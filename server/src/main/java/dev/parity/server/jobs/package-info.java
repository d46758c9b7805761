/**
 * Asynchronous jobs of the server (materializations, training sets): a small bounded executor,
 * each job's state and progress in memory, and a graceful stop that lets running jobs finish
 * within a grace period and marks the runs of the others interrupted in the metadata store, where
 * it also records the jobs still queued as cancelled. The
 * durable record of what a job did is what its service records there (materialization runs,
 * training sets); the in-memory state only says how this server's recent jobs are going.
 */
package dev.parity.server.jobs;
