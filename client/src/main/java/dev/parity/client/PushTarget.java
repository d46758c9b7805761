package dev.parity.client;

/** Where pushed rows are written. */
public enum PushTarget {
  /** Redis, newer-wins (the default). Pushing the same rows again changes nothing. */
  ONLINE("online"),
  /** A new Parquet file in the source's directory, which later training sets read. */
  OFFLINE("offline"),
  ONLINE_AND_OFFLINE("online_and_offline");

  private final String id;

  PushTarget(String id) {
    this.id = id;
  }

  /** The name on the wire. */
  public String id() {
    return id;
  }
}
