package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published vectors of {@code shared/conformance/dkim/} with the results its README gives:
 * RFC 8463 Appendix A (both pass), RFC 6376 Appendix A (a known negative: body hash), dkimpy's fixed vectors,
 * stalwart's vectors, and the cross-implementation messages signed by dkimpy and OpenDKIM.
 */
@Tag("conformance")
@RequiresSharedData("dkim")
class ConformanceVectorsTest {

    /** Stalwart's fixed verification time (its README): 2022-11-07T17:54:24Z. */
    private static final Clock STALWART_TIME = Clock.fixed(Instant.ofEpochSecond(1667843664L), ZoneOffset.UTC);

    private static byte[] read(String relative) throws IOException {
        return Files.readAllBytes(SharedData.path("dkim/" + relative));
    }

    private static String readText(String relative) throws IOException {
        return Files.readString(SharedData.path("dkim/" + relative), StandardCharsets.ISO_8859_1);
    }

    private static List<String> keywords(List<DkimResult> results) {
        return results.stream().map(DkimResult::keyword).toList();
    }

    /** RFC 8463 Appendix A.3: the ed25519-sha256 and the rsa-sha256 signature both verify. */
    @Test
    void rfc8463AppendixBothSignaturesPass() throws IOException {
        var dns = TestDns.resolver(TestDns.fromZoneLines(readText("rfc8463-appendix/dns-records.txt")));
        List<DkimResult> results = new DkimVerifier(dns).verify(read("rfc8463-appendix/signed-message.eml"));
        assertThat(results).extracting(DkimResult::resultLine).containsExactly(
                "dkim=pass header.d=football.example.com header.s=brisbane header.a=ed25519-sha256",
                "dkim=pass header.d=football.example.com header.s=test header.a=rsa-sha256");
    }

    /** RFC 8463 Appendix A.3 states the relaxed body hash of the message; our streamed hash must equal it. */
    @Test
    void rfc8463BodyHash() throws IOException {
        byte[] msg = read("cross-impl/unsigned.eml");
        int body = indexOfBody(msg);
        byte[] bh = BodyHasher.hash(Canonicalization.RELAXED, Arrays.copyOfRange(msg, body, msg.length));
        assertThat(io.github.smtplab.mime.Base64Codec.encode(bh)).isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
    }

    /**
     * RFC 6376 Appendix A.2 is a known negative (README): its bh= is the relaxed hash under c=simple/simple, so
     * the result is fail with "body hash"; the simple body hash is 4bLNXImK...
     */
    @Test
    void rfc6376AppendixIsAKnownNegative() throws IOException {
        var dns = TestDns.resolver(TestDns.fromZoneLines(readText("rfc6376-appendix/C-dns-record.txt")));
        List<DkimResult> results = new DkimVerifier(dns).verify(read("rfc6376-appendix/A2-signed-message.eml"));
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).isInstanceOf(DkimResult.Fail.class);
        assertThat(results.getFirst().reason()).contains("body hash");
        byte[] msg = read("rfc6376-appendix/A2-signed-message.eml");
        byte[] bh = BodyHasher.hash(Canonicalization.SIMPLE, Arrays.copyOfRange(msg, indexOfBody(msg), msg.length));
        assertThat(io.github.smtplab.mime.Base64Codec.encode(bh)).isEqualTo("4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=");
    }

    /** The cross-implementation messages (README table): every signature passes. */
    @ParameterizedTest
    @CsvSource({
        "cross-impl/dkimpy-1.1.4-rsa-then-ed25519.eml, 'pass,pass'",
        "cross-impl/opendkim-2.11-rsa-sha256.eml, pass",
        "cross-impl/opendkim-2.11-ed25519-sha256.eml, pass",
        "cross-impl/unsigned.eml, ''",
    })
    void crossImplementationMessages(String file, String expected) throws IOException {
        var dns = TestDns.resolver(TestDns.fromZoneLines(readText("rfc8463-appendix/dns-records.txt")));
        List<DkimResult> results = new DkimVerifier(dns).verify(read(file));
        List<String> want = expected == null || expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(keywords(results)).as(results.toString()).isEqualTo(want);
    }

    /** dkimpy's fixed verify-only vectors (README table), LF files fed as CRLF. */
    @ParameterizedTest
    @CsvSource({
        "test2.message, pass",
        "rfc6376.signed.msg, 'pass,pass'",
        "ed25519test2.msg, pass",
        "test.message.baddomain, permerror",
    })
    void dkimpyFixedVectors(String file, String expected) throws IOException {
        var dns = TestDns.resolver(TestDns.fromZoneLines(readText("dkimpy-1.1.4-testdata/dns-records-fixed-vectors.txt")));
        byte[] msg = LineEndings.toCrlf(read("dkimpy-1.1.4-testdata/" + file));
        List<DkimResult> results = new DkimVerifier(dns).verify(msg);
        assertThat(keywords(results)).as(results.toString()).isEqualTo(List.of(expected.split(",")));
    }

    /**
     * dkimpy's rfc6376.signed.rsa.msg with the corrupted key its test uses: it must fail, and not crash. The
     * corrupted record is the RFC 8463 key with characters of p= changed.
     */
    @Test
    void dkimpyCorruptedKeyFails() throws IOException {
        String good = readText("dkimpy-1.1.4-testdata/test.txt").strip();
        String corrupted = good.replace("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5",
                "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08aX");
        var dns = TestDns.resolver(TestDns.txt("test._domainkey.football.example.com", corrupted));
        byte[] msg = LineEndings.toCrlf(read("dkimpy-1.1.4-testdata/rfc6376.signed.rsa.msg"));
        List<DkimResult> results = new DkimVerifier(dns).verify(msg);
        assertThat(results).isNotEmpty().noneMatch(r -> r instanceof DkimResult.Pass);
    }

    /**
     * Stalwart's vectors at its fixed time: the last signature of each passes (its test's criterion); 005 has
     * x=1667930064, after that time, so it passes too, and fails "expired" on today's clock.
     */
    @ParameterizedTest
    @CsvSource({"001.txt", "002.txt", "003.txt", "004.txt", "005.txt", "006.txt"})
    void stalwartVectors(String file) throws IOException {
        String text = readText("stalwart-mail-auth/" + file);
        int blank = text.indexOf("\n\n");
        List<String> dnsLines = text.substring(0, blank).lines().toList();
        var dns = TestDns.resolver(TestDns.fromNameValueLines(dnsLines));
        byte[] msg = LineEndings.toCrlf(text.substring(blank + 2).getBytes(StandardCharsets.ISO_8859_1));
        List<DkimResult> results = new DkimVerifier(dns, STALWART_TIME).verify(msg);
        assertThat(results).as(results.toString()).isNotEmpty();
        assertThat(results.getLast()).as(results.toString()).isInstanceOf(DkimResult.Pass.class);
        if (file.equals("005.txt")) {
            List<DkimResult> today = new DkimVerifier(dns).verify(msg);
            assertThat(today.getLast()).isInstanceOf(DkimResult.PermError.class);
            assertThat(today.getLast().reason()).contains("expired");
        }
    }

    private static int indexOfBody(byte[] msg) {
        for (int i = 0; i + 3 < msg.length; i++) {
            if (msg[i] == '\r' && msg[i + 1] == '\n' && msg[i + 2] == '\r' && msg[i + 3] == '\n') {
                return i + 4;
            }
        }
        throw new AssertionError("no body");
    }
}
