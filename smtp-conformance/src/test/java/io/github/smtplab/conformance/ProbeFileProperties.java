package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The probe file format is a faithful text form: any probe written by {@link ProbeFile#format} is read back
 * equal by {@link ProbeFile#parse}, and broken files are refused with the line number, never half-read.
 */
class ProbeFileProperties {

    private static final List<String> REGEXES = List.of("[\\t\\x20-\\x7E\\n]*", "(?s).*\\nSTARTTLS(\\n.*)?", "2\\.[0-9]{1,3}\\.[0-9]{1,3}.*");
    private static final List<String> CODES = List.of("250", "251", "5xx", "2xx", "503", "close", "354", "4x1");

    /** Printable text on one line, with a few non-ASCII letters (the file is UTF-8) and escapes as text. */
    private static Gen<String> text(int max) {
        Gen<String> ascii = SourceDSL.strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, max);
        Gen<String> accents = SourceDSL.strings().betweenCodePoints(0xe0, 0xff).ofLengthBetween(0, 3);
        return ascii.zip(accents, (a, b) -> a + b).map(s -> s.replace(" | ", " / "));
    }

    private static Gen<String> word() {
        return SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8);
    }

    private static Gen<Step> step() {
        Gen<Integer> times = SourceDSL.integers().between(1, 200);
        Gen<Step> send = text(60).zip(times, Step.Send::new);
        Gen<Step> raw = text(60).map(t -> (Step) new Step.SendRaw(t));
        Gen<Step> expect = SourceDSL.lists().of(Generate.pick(CODES)).ofSizeBetween(1, 3).zip(times, (codes, n) -> (Step) new Step.Expect(codes, n));
        Gen<Step> matches = Generate.pick(REGEXES).map(r -> (Step) new Step.ReplyMatches(r));
        Gen<Step> bdat = text(40).zip(SourceDSL.booleans().all(), (t, last) -> (Step) new Step.Bdat(t, last));
        Gen<Step> delivered = text(30).map(t -> (Step) new Step.Delivered(t));
        Gen<Step> notDelivered = text(30).zip(text(10), (t, c) -> (Step) new Step.NotDelivered(t, c.isBlank() ? "" : "x" + c));
        Gen<Step> wait = SourceDSL.integers().between(0, 400).map(s -> (Step) new Step.Wait(s));
        Gen<Step> fixed = Generate.pick(List.of(new Step.Hello(), new Step.SecureHello(), new Step.Session(), new Step.StartTls(),
                new Step.TlsHandshake(), new Step.Close()));
        return Generate.oneOf(send, raw, expect, matches, bdat, delivered, notDelivered, wait, fixed);
    }

    private static Gen<Probe> probe() {
        Gen<String> id = word().zip(word(), (a, b) -> a + "." + b);
        Gen<String> section = SourceDSL.integers().between(1, 9).zip(SourceDSL.integers().between(0, 12), (a, b) -> a + "." + b);
        Gen<Set<Profile>> profiles = SourceDSL.lists().of(Generate.enumValues(Profile.class)).ofSizeBetween(1, 3)
                .map(list -> (Set<Profile>) EnumSet.copyOf(list));
        Gen<List<String>> needs = SourceDSL.lists().of(Generate.pick(List.of("SIZE", "PIPELINING", "login", "tls", "maildir"))).ofSizeBetween(0, 3);
        Gen<List<Step>> steps = SourceDSL.lists().of(step()).ofSizeBetween(0, 12);
        return id.zip(text(50), section, Generate.enumValues(Level.class), (i, title, sec, level) -> new Object[] {i, title, sec, level})
                .zip(profiles, needs, steps, (head, prof, need, st) -> new Probe((String) head[0], (String) head[1], "5321",
                        (String) head[2], (Level) head[3], prof, need, need.size() == 2, "quote " + head[1], "expect " + head[2], st));
    }

    /** Any generated probe file reads back equal to the probes it was written from. */
    @Test
    void anyProbeFileRoundTrips() {
        qt().withExamples(300).forAll(SourceDSL.lists().of(probe()).ofSizeBetween(0, 5))
                .assuming(probes -> probes.stream().map(Probe::id).distinct().count() == probes.size())
                .checkAssert(probes -> assertThat(ProbeFile.parse(ProbeFile.format(probes))).isEqualTo(probes));
    }

    /** Hostile text (any line of printable characters, keywords or not) is read or refused with a ParseError, nothing else. */
    @Test
    void hostileFilesAreRefusedCleanly() {
        Gen<String> lines = SourceDSL.lists().of(Generate.oneOf(text(40), Generate.pick(List.of("probe: a.b", "end:", "title: t",
                "level: MUST", "expect: 999", "send*0: x", "wait: soon", "hello: x", "rfc: 1", "section: 1", "quote: q",
                "expectation: e", "", "# c")))).ofSizeBetween(0, 30).map(l -> String.join("\n", l));
        qt().withExamples(500).forAll(lines).checkAssert(file -> {
            try {
                ProbeFile.parse(file);
            } catch (ProbeFile.ParseError expected) {
                assertThat(expected).hasMessageStartingWith("probe file line ");
            }
        });
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> ProbeFile.parse("probe: a.b\ntitle: t\nexpect: 9xx\nend:\n"))
                .isInstanceOf(ProbeFile.ParseError.class).hasMessageContaining("line 3").hasMessageContaining("9xx");
        assertThatThrownBy(() -> ProbeFile.parse("probe: a.b\ntitle: t\n")).hasMessageContaining("no end:");
        assertThatThrownBy(() -> ProbeFile.parse("probe: a.b\ntitle: t\nrfc: 1\nsection: 1\nlevel: MUST\nquote: q\nexpectation: e\nend:\n"
                + "probe: a.b\ntitle: t\nrfc: 1\nsection: 1\nlevel: MUST\nquote: q\nexpectation: e\nend:\n")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> ProbeFile.parse("probe: a.b\ntitle: t\nrfc: 1\nsection: 1\nlevel: OUGHT\nquote: q\nexpectation: e\nend:\n"))
                .hasMessageContaining("MUST, SHOULD or MAY");
    }

    /** The shipped file: at least 80 probes, every one with a quote, and the RFCs the issue lists all present. */
    @Test
    void builtInProbes() {
        List<Probe> probes = ProbeFile.builtIn();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(80);
        assertThat(probes).allSatisfy(p -> assertThat(p.quote()).isNotBlank());
        assertThat(probes.stream().map(Probe::rfc).distinct())
                .contains("5321", "1870", "2920", "3030", "3207", "3461", "4954", "6152", "6531", "2034");
        assertThat(probes.stream().filter(p -> p.group().equals("smuggling"))).hasSize(12);
        List<String> groups = new ArrayList<>(probes.stream().map(Probe::group).distinct().toList());
        assertThat(groups).contains("greeting", "ehlo", "order", "relay", "starttls", "auth", "pipelining", "chunking", "dsn", "timeouts");
        assertThat(ProbeFile.parse(ProbeFile.format(probes))).isEqualTo(probes);
    }
}
