package dev.parity.client;

/** Bodies the server answers with, for tests that play the server. */
final class Answers {
  /** A lookup of one driver: its key and conv_rate 0.5 at 2026-01-30T23:00:00Z. */
  static final String ONE_ROW = """
      {"metadata":{"feature_names":["driver_id","conv_rate"]},"results":[\
      {"values":[1001],"statuses":["PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z"]},\
      {"values":[0.5],"statuses":["PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z"]}]}""";

  private Answers() {}

  /** A lookup of {@code drivers}: each its key and conv_rate {@code driver / 10000}. */
  static String rows(long... drivers) {
    StringBuilder keys = new StringBuilder();
    StringBuilder rates = new StringBuilder();
    StringBuilder statuses = new StringBuilder();
    StringBuilder none = new StringBuilder();
    StringBuilder times = new StringBuilder();
    for (int i = 0; i < drivers.length; i++) {
      String comma = i == 0 ? "" : ",";
      keys.append(comma).append(drivers[i]);
      rates.append(comma).append(drivers[i] / 10000.0);
      statuses.append(comma).append("\"PRESENT\"");
      none.append(comma).append("\"1970-01-01T00:00:00Z\"");
      times.append(comma).append("\"2026-01-30T23:00:00Z\"");
    }
    return "{\"metadata\":{\"feature_names\":[\"driver_id\",\"conv_rate\"]},\"results\":["
        + "{\"values\":[" + keys + "],\"statuses\":[" + statuses + "],\"event_timestamps\":[" + none + "]},"
        + "{\"values\":[" + rates + "],\"statuses\":[" + statuses + "],\"event_timestamps\":[" + times + "]}]}";
  }

  static String error(int code, String message) {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }
}
