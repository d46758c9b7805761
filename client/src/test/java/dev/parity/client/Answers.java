package dev.parity.client;

/** Bodies the server answers with, for tests that play the server. */
final class Answers {
  /** A lookup of one driver: its key and conv_rate 0.5 at 2026-01-30T23:00:00Z. */
  static final String ONE_ROW = """
      {"metadata":{"feature_names":["driver_id","conv_rate"]},"results":[\
      {"values":[1001],"statuses":["PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z"]},\
      {"values":[0.5],"statuses":["PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z"]}]}""";

  private Answers() {}

  static String error(int code, String message) {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }
}
