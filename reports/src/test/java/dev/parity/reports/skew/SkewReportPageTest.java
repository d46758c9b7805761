package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.reports.skew.SkewData.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page in a real browser: headless Chromium loads it from a file without any console
 * message (no error, no blocked load), and its DOM has one histogram per feature. The page and a
 * screenshot are kept under {@code target/skew-report-page/} as test artifacts. It needs more than a
 * JDK and Maven: tagged {@code browser}, it is left out of the README's test command and runs alone
 * with {@code mvn -B -Pbrowser-check -pl reports -am test} (.ci/run does, after installing
 * Chromium), where it fails rather than skips when Chromium is missing.
 */
@Tag("browser")
class SkewReportPageTest {
  private static final Path ARTIFACTS = Path.of("target", "skew-report-page");

  private final BufferAllocator allocator = new RootAllocator();
  @TempDir Path dir;

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void opensInHeadlessChromiumWithoutConsoleMessagesAndShowsOneChartPerFeature() throws Exception {
    Chromium chromium = Chromium.find(dir);
    SkewReports reports = new SkewReports(allocator, Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC),
        SkewOptions.defaults());
    SkewReport report = reports.compare(SkewData.repository(), "scoring",
        ParquetInput.of(SkewData.write(dir.resolve("ref.parquet"), Shape.of(1, 5000)).toString()),
        ParquetInput.of(SkewData.write(dir.resolve("cur.parquet"), Shape.of(2, 5000).rateMean(0.5).newCategory(0.2)).toString()));
    Files.createDirectories(ARTIFACTS);
    Path page = ARTIFACTS.resolve("report.html");
    Files.writeString(page, new SkewReportHtml().render(report), StandardCharsets.UTF_8);

    Chromium.Run dom = chromium.dumpDom(page);
    assertThat(dom.consoleMessages()).as("console messages of the page").isEmpty();
    List<String> charts = matches(dom.stdout(), "<svg class=\"chart\"[^>]*data-feature=\"([^\"]+)\"");
    assertThat(charts).as("one chart per feature, most severe first")
        .containsExactlyElementsOf(report.features().stream().map(SkewReport.FeatureSkew::feature).toList());
    assertThat(matches(dom.stdout(), "<rect class=\"(ref)\"")).hasSize(report.features().stream().mapToInt(f -> f.bins().size()).sum());
    assertThat(matches(dom.stdout(), "<tr class=\"(fail|pass)\"")).hasSize(report.features().size());
    assertThat(dom.stdout()).contains("id=\"verdict\">FAIL<");

    Path screenshot = ARTIFACTS.resolve("report.png");
    Files.deleteIfExists(screenshot);
    Chromium.Run shot = chromium.screenshot(page, screenshot, 1200, 1600);
    assertThat(shot.consoleMessages()).isEmpty();
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  @Test
  void aConsoleMessageOfThePageIsSeen() throws Exception {
    // the check above is only worth something if a page that tries to load from the network is caught
    Path page = dir.resolve("loads.html");
    String html = new SkewReportHtml().render(SkewReportRenderingTest.handWritten())
        .replace("</body>", "<img src=\"http://127.0.0.1:9/x.png\"></body>");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    assertThat(Chromium.find(dir).dumpDom(page).consoleMessages()).anySatisfy(m -> assertThat(m).contains("Content Security Policy"));
  }

  private static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
