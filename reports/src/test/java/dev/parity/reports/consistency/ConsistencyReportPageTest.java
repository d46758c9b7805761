package dev.parity.reports.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.reports.skew.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency page in headless Chromium, as the skew page is checked: no console message, one
 * chart per feature, each cause with its examples. Tagged {@code browser}: runs with {@code
 * -Pbrowser-check}. The page and a screenshot are kept under {@code target/consistency-report-page/}.
 */
@Tag("browser")
class ConsistencyReportPageTest {
  private static final Path ARTIFACTS = Path.of("target", "consistency-report-page");

  @TempDir Path dir;

  @Test
  void opensInHeadlessChromiumWithoutConsoleMessagesAndShowsTheCausesWithExamples() throws Exception {
    Chromium chromium = Chromium.find(dir);
    ConsistencyReport report = Reports.handWritten();
    Files.createDirectories(ARTIFACTS);
    Path page = ARTIFACTS.resolve("report.html");
    Files.writeString(page, new ConsistencyReportHtml().render(report), StandardCharsets.UTF_8);

    Chromium.Run dom = chromium.dumpDom(page);
    assertThat(dom.consoleMessages()).as("console messages of the page").isEmpty();
    assertThat(matches(dom.stdout(), "<svg class=\"chart\"[^>]*data-feature=\"([^\"]+)\""))
        .containsExactly("stats:conv_rate", "stats:trips_log", "stats:vehicle &lt;b&gt;");
    assertThat(matches(dom.stdout(), "<h4 class=\"cause\" data-cause=\"([a-z_]+)\"")).containsExactly(
        "materialization_lag", "ttl_expired", "never_materialized", "value_differs", "definition_version_differs");
    assertThat(matches(dom.stdout(), "<td><code>(\\{driver_id=[0-9]+\\})</code>")).hasSize(5);
    assertThat(dom.stdout()).contains("id=\"verdict\">FAIL<");

    Path screenshot = ARTIFACTS.resolve("report.png");
    Files.deleteIfExists(screenshot);
    Chromium.Run shot = chromium.screenshot(page, screenshot, 1200, 1600);
    assertThat(shot.consoleMessages()).isEmpty();
    assertThat(screenshot).exists();
  }

  private static List<String> matches(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
