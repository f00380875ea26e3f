package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;

/**
 * The hand-written reports stay well-formed whatever the server said: JSON read back by an independent parser
 * (Python's json) gives the very strings, the JUnit XML parses (Python's ElementTree), and the summary line
 * keeps its wording.
 */
class ReportsTest {

    @TempDir
    Path dir;

    static final List<String> HOSTILE = List.of("quote \" backslash \\ slash /", "tab\tcr\rlf\nnul\u0000bell\u0007", "caf\u00e9 \u00a7 \u2028 \u2029",
            "<xml attr=\"x\"> & </testcase>", "\ud83d\udce7 emoji", "]]> <![CDATA[");

    static List<Outcome> outcomes(List<String> texts) {
        List<Outcome> list = new ArrayList<>();
        int i = 0;
        for (String text : texts) {
            Probe probe = new Probe("hostile.p" + i++, "title " + text, "5321", "4.2", Level.MUST, EnumSet.allOf(Profile.class), List.of(), false,
                    "quote", "expectation", List.of());
            list.add(new Outcome(probe, Verdict.FAIL, text, List.of(new TranscriptLine(TranscriptLine.Side.SERVER, text))));
        }
        return list;
    }

    /** RFC 8259 section 7: every string escaped so that a JSON parser gives it back unchanged. */
    @Test
    @RequiresTool(value = "Python 3", probe = {"/usr/bin/python3", "--version"}, install = "python3")
    void jsonReadsBackInPython() throws Exception {
        Path json = dir.resolve("r.json");
        Files.writeString(json, JsonReport.render("host \"x\"", Profile.MX, outcomes(HOSTILE)), StandardCharsets.UTF_8);
        Path out = dir.resolve("details.txt");
        PeerProcess.Result python = PeerProcess.run(List.of("/usr/bin/python3", "-c",
                "import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); "
                        + "open(sys.argv[2],'w',encoding='utf-8',errors='surrogatepass').write('\\x1e'.join(r['detail'] for r in d['results']))",
                json.toString(), out.toString()), Duration.ofSeconds(30));
        assertThat(python.exitCode()).as(python.output()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8).split("\u001e", -1)).containsExactlyElementsOf(HOSTILE);
    }

    @Test
    void jsonStringsHaveNoRawControlCharacters() {
        qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            String quoted = JsonReport.string(text);
            assertThat(quoted).startsWith("\"").endsWith("\"");
            assertThat(quoted.chars().noneMatch(c -> c < 0x20)).isTrue();
            String inner = quoted.substring(1, quoted.length() - 1);
            assertThat(inner.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
        });
    }

    /** The JUnit XML, hostile text inside, is well-formed for an independent parser (Python's ElementTree). */
    @Test
    @RequiresTool(value = "Python 3", probe = {"/usr/bin/python3", "--version"}, install = "python3")
    void junitXmlParsesInPython() throws Exception {
        Path xml = dir.resolve("r.xml");
        Files.writeString(xml, JunitReport.render("127.0.0.1:25", Profile.CORE, outcomes(HOSTILE)), StandardCharsets.UTF_8);
        PeerProcess.Result python = PeerProcess.run(List.of("/usr/bin/python3", "-c",
                "import sys, xml.etree.ElementTree as ET; r=ET.parse(sys.argv[1]).getroot(); "
                        + "print(len(r.findall('testcase')), len(r.findall('testcase/failure')), r.get('failures'))",
                xml.toString()), Duration.ofSeconds(30));
        assertThat(python.exitCode()).as(python.output()).isZero();
        int n = HOSTILE.size();
        assertThat(python.output().trim()).isEqualTo(n + " " + n + " " + n);
    }

    @Test
    void summaryLine() {
        List<Outcome> outcomes = HtmlReportInBrowserTest.sample();
        assertThat(Summary.of(outcomes).line()).isEqualTo("2 passed, 1 failed, 1 skipped, 1 warned");
        assertThat(Summary.of(outcomes).conforms()).isFalse();
        java.io.StringWriter text = new java.io.StringWriter();
        ConsoleReport.write("127.0.0.1:25", Profile.MX, outcomes, new java.io.PrintWriter(text));
        assertThat(text.toString()).contains("RFC 3207", "RFC 5321", "FAIL", "skipped: why").endsWith("2 passed, 1 failed, 1 skipped, 1 warned\n");
    }
}
