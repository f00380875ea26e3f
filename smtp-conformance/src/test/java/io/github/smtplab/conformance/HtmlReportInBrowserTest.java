package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless browser (Debian's chromium): it loads with no console error, the DOM
 * shows the summary counts, hostile transcript text stays text, and a screenshot is kept in
 * target/conformance-report.png for a person to look at.
 */
class HtmlReportInBrowserTest {

    @TempDir
    Path dir;

    static List<Outcome> sample() {
        List<Outcome> outcomes = new ArrayList<>();
        Verdict[] verdicts = {Verdict.PASS, Verdict.FAIL, Verdict.WARN, Verdict.SKIP, Verdict.PASS};
        Level[] levels = {Level.MUST, Level.MUST, Level.SHOULD, Level.MUST, Level.MAY};
        for (int i = 0; i < verdicts.length; i++) {
            Probe probe = new Probe("sample.p" + i, "Probe <" + i + "> & \"quotes\"", i % 2 == 0 ? "5321" : "3207", "4.1." + i, levels[i],
                    EnumSet.allOf(Profile.class), List.of(), false, "The receiver MUST send a \"250 OK\" reply <b>not bold</b>.",
                    "250", List.of(new Step.Hello()));
            List<TranscriptLine> transcript = List.of(
                    new TranscriptLine(TranscriptLine.Side.SERVER, "220 mx.exemple.com ESMTP"),
                    new TranscriptLine(TranscriptLine.Side.CLIENT, "EHLO client.example.net"),
                    new TranscriptLine(TranscriptLine.Side.SERVER, "250 <script>document.title='owned'</script>"),
                    new TranscriptLine(TranscriptLine.Side.NOTE, "TLS handshake done"));
            outcomes.add(new Outcome(probe, verdicts[i], verdicts[i] == Verdict.PASS ? "" : "why </td></table> " + i, transcript));
        }
        return outcomes;
    }

    @Test
    @RequiresTool(value = "chromium", probe = {"chromium", "--version"}, install = "chromium")
    void loadsInChromiumWithTheCounts() throws Exception {
        List<Outcome> outcomes = sample();
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render("127.0.0.1:2525", Profile.MX, outcomes));
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        List<String> base = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0");
        List<String> dump = new ArrayList<>(base);
        dump.add("--dump-dom");
        dump.add(page.toUri().toString());
        PeerProcess.Result dom = PeerProcess.run(dump, Duration.ofSeconds(90));
        assertThat(dom.exitCode()).as(dom.output()).isZero();
        assertThat(dom.output()).contains("id=\"passed\">2 passed</span>", "id=\"failed\">1 failed</span>",
                "id=\"warned\">1 warned</span>", "id=\"skipped\">1 skipped</span>", "2 passed, 1 failed, 1 skipped");
        assertThat(dom.output()).as("transcript text is text, not markup").doesNotContain("<script>")
                .contains("&lt;script&gt;").contains("<title>SMTP conformance of 127.0.0.1:2525 (mx)</title>");
        assertThat(dom.output()).as("no console message, no uncaught error").doesNotContain(":CONSOLE").doesNotContain("Uncaught");

        Path shot = Path.of("target", "conformance-report.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        List<String> screenshot = new ArrayList<>(base);
        screenshot.add("--window-size=1280,1400");
        screenshot.add("--screenshot=" + shot);
        screenshot.add(page.toUri().toString());
        PeerProcess.Result taken = PeerProcess.run(screenshot, Duration.ofSeconds(90));
        assertThat(taken.exitCode()).as(taken.output()).isZero();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
}
