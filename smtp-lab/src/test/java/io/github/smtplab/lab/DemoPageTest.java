package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./smtplab demo --html FILE} in a real browser: headless Chromium loads the page from disk with
 * networking features off, runs its script (which marks the body when done and records any error), and
 * takes a screenshot that CI keeps (smtp-lab/target/demo-page.png).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@RequiresTool(value = "chromium", probe = {"chromium", "--version"}, install = "Debian package chromium")
class DemoPageTest {

    /** One arrow per dialogue line the console showed: C:, S:, DNS: and deliveries (✓). */
    private static final Pattern ARROW_LINE = Pattern.compile("^\\[[^\\]]+\\] (C: |S: |DNS: |✓ ).*");

    @TempDir
    Path dir;

    @Test
    void thePageLoadsWithoutErrorsAndDrawsEveryLine() throws Exception {
        Path page = dir.resolve("demo.html");
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("demo", "--html", page.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String html = Files.readString(page, StandardCharsets.UTF_8);
        // self-contained: nothing to fetch (links to RFCs are anchors the reader may follow, not loads)
        assertThat(html).doesNotContainPattern("(?i)\\ssrc\\s*=").doesNotContainPattern("(?i)<link\\b")
                .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:|//)");
        long expectedArrows = run.out().lines().filter(l -> ARROW_LINE.matcher(l).matches()).count();
        assertThat(expectedArrows).isGreaterThan(80);

        PeerProcess.Result dom = PeerProcess.run(chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()),
                Duration.ofSeconds(90));
        assertThat(dom.exitCode()).as(dom.output()).isZero();
        assertThat(dom.output()).contains("data-ready=\"yes\"").doesNotContain("data-errors")
                .contains("data-arrows=\"" + expectedArrows + "\"");
        assertThat(dom.output().lines().filter(l -> l.contains(":CONSOLE(") || l.contains("Uncaught"))).as("console messages").isEmpty();
        assertThat(count(dom.output(), "class=\"arrow ")).isEqualTo(expectedArrows);
        assertThat(dom.output()).contains("answers STARTTLS, it is not a greeting")   // explanations are in the page
                .contains("class=\"span tls\"").contains("class=\"span auth\"").contains("DKIM-Signature")
                .contains("https://www.rfc-editor.org/rfc/rfc3207#section-4");

        Path screenshot = Path.of("target", "demo-page.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        PeerProcess.Result shot = PeerProcess.run(chromium("--window-size=1680,1300", "--screenshot=" + screenshot, page.toUri().toString()),
                Duration.ofSeconds(90));
        assertThat(shot.exitCode()).as(shot.output()).isZero();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        System.out.println("demo page screenshot: " + screenshot);
    }

    private List<String> chromium(String... more) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile-")));
        command.addAll(List.of(more));
        return command;
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
