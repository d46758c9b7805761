/**
 * Public only so that the offline packages can share it; not API: may change without notice.
 */
package dev.parity.offline.internal;
