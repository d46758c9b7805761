/**
 * What the command line shows while a long task runs: {@link dev.parity.offline.terminal.RedrawnLine},
 * one status line redrawn in place on a terminal and printed line by line elsewhere, shared by the
 * sample-data generator's progress and the CLI's job progress.
 */
package dev.parity.offline.terminal;
