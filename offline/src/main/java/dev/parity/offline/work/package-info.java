/**
 * Working folders of offline runs ({@link dev.parity.offline.work.WorkFolder}): where a run
 * spills and keeps intermediate files, locked for its life so that the next run can tell the
 * folders (and temporary outputs) of a process that died from those of one still running, and
 * remove the former.
 */
package dev.parity.offline.work;
