package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.mime.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./smtplab inspect}: the seed message as Bob received it, a Maildir, and hostile messages. */
class InspectCommandTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    /** The trace and authentication fields as the demo's MX writes them, on top of the seed message. */
    static final String TRACE = """
            Return-Path: <alice@monentreprise.fr>\r
            Received: from smtp.monentreprise.fr ([127.0.0.1])\r
            \tby mx.exemple.com (smtplab) with ESMTPS id 1796530646M1\r
            \t(TLSv1.3) tls TLS_AES_256_GCM_SHA384;\r
            \tSun, 6 Dec 2026 04:17:26 +0000\r
            Authentication-Results: mx.exemple.com; spf=pass\r
             smtp.mailfrom=alice@monentreprise.fr; spf=none\r
             smtp.helo=smtp.monentreprise.fr; dkim=pass header.d=monentreprise.fr\r
             header.s=s1 header.a=ed25519-sha256; dmarc=pass header.from=monentreprise.fr\r
            Received: from laptop.monentreprise.fr ([127.0.0.1])\r
            \tby smtp.monentreprise.fr (smtplab) with ESMTPSA id Qmxbbym7m\r
            \t(TLSv1.3) tls TLS_AES_256_GCM_SHA384;\r
            \tSun, 6 Dec 2026 04:17:26 +0000\r
            DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=monentreprise.fr;\r
            \ts=s1; t=1796530645; h=From:From:Subject:Subject:To:To;\r
            \tbh=ewRAIIGhWp5grARzNLzserkuJQjy8E4+yX3DtBleibQ=; b=U7K7jjybtdcIzVH4yXzk\r
            """;

    @TempDir
    Path dir;

    static byte[] seed() {
        byte[] message = Message.builder().from("Alice <alice@monentreprise.fr>").to("Bob <bob@exemple.com>")
                .cc("Charlie <charlie@exemple.com>").subject("Réunion demain")
                .text("Bonjour Bob, bonjour Charlie,\n\nJe vous propose de nous retrouver demain à 10h.\n")
                .attach("ordre-du-jour.pdf", PDF, "application/pdf").build().bytes();
        byte[] trace = TRACE.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[trace.length + message.length];
        System.arraycopy(trace, 0, all, 0, trace.length);
        System.arraycopy(message, 0, all, trace.length, message.length);
        return all;
    }

    @Test
    void theSeedMessageIsExplainedAndItsAttachmentExtracted() throws Exception {
        Path eml = Files.write(dir.resolve("reunion.eml"), seed());
        Path out = dir.resolve("pieces");
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("inspect", eml.toString(), "--extract", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Subject: Réunion demain")   // encoded word decoded
                .contains("Hop 2 of 2, counted from the bottom").contains("Hop 1 of 2")
                .contains("ESMTP inside TLS, with AUTH.")
                .contains("spf none smtp.helo=smtp.monentreprise.fr").contains("the identity checked is the EHLO name")
                .contains("Listed twice: From, Subject, To. Over-signing").contains("    bh ewRAIIGhWp5grARzNLzserkuJQjy8E4+yX3DtBleibQ=")
                .contains("multipart/mixed  2 part(s)").contains("1  text/plain").contains("2  application/pdf  base64  " + PDF.length + " octets, file \"ordre-du-jour.pdf\"")
                .contains("> Bonjour Bob, bonjour Charlie,").contains("> Je vous propose de nous retrouver demain à 10h.");
        String trace = run.out().substring(run.out().indexOf("== The path, from the bottom up"));
        assertThat(trace.indexOf("1. from laptop.monentreprise.fr")).isPositive().isLessThan(trace.indexOf("2. from smtp.monentreprise.fr"));
        assertThat(Files.readAllBytes(out.resolve("ordre-du-jour.pdf"))).isEqualTo(PDF);
        ServeAndSendTest.Run again = ServeAndSendTest.smtplab("inspect", eml.toString(), "--extract", out.toString());
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("ordre-du-jour.pdf already exists; not overwritten");
    }

    @Test
    void aHostileAttachmentNameStaysInsideTheChosenDirectory() throws Exception {
        String hostile = "From: x@y\r\nSubject: \u001b[2J\u001b]0;pwned\u0007hi\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"../../evil.sh\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nZWNobyBwd25lZAo=\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"..\"\r\n\r\nsecond\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"/etc/passwd\"\r\nContent-Disposition: attachment\r\n\r\nthird\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"evil.sh\"\r\n\r\nfourth\r\n--b--\r\n";
        Path eml = Files.writeString(dir.resolve("hostile.eml"), hostile, StandardCharsets.ISO_8859_1);
        Path out = dir.resolve("a").resolve("b");
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("inspect", eml.toString(), "--extract", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("Subject: ?[2J?]0;pwned?hi");
        assertThat(names(out)).containsExactlyInAnyOrder("evil.sh", "part-2", "passwd", "evil-2.sh");
        assertThat(Files.readString(out.resolve("evil.sh"))).isEqualTo("echo pwned\n");
        assertThat(names(dir)).containsExactlyInAnyOrder("hostile.eml", "a");   // nothing written beside or above
        assertThat(names(dir.resolve("a"))).containsExactly("b");
    }

    @Test
    void aHugeHeaderAndBadEncodingsAreReportedNotFatal() throws Exception {
        String huge = "X-Huge: " + "a".repeat(400_000) + "\r\n";
        String message = huge + "From: x@y\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n!!not base64@@\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nbad =ZZ escape\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-unknown\r\n\r\nplain\r\n";   // no close delimiter
        Path eml = Files.writeString(dir.resolve("bad.eml"), message, StandardCharsets.ISO_8859_1);
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("inspect", eml.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().length()).isLessThan(20_000);   // the 400 kB field is cut when shown
        assertThat(run.out()).contains("X-Huge: aaaa").contains("(400000)").contains("a private field").contains("== The parser repaired")
                .contains("1  text/plain  base64").contains("3  text/plain  x-unknown");
    }

    @Test
    void aMaildirIsListedThenInspectedOneByOne() throws Exception {
        Path maildir = dir.resolve("bob@exemple.com");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        Files.write(maildir.resolve("new").resolve("1.mx"), seed());
        Files.writeString(maildir.resolve("cur").resolve("2.mx:2,S"), "From: carol@exemple.com\r\nSubject: second\r\n\r\nhello\r\n");
        ServeAndSendTest.Run list = ServeAndSendTest.smtplab("inspect", dir.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).hasSize(2);
        assertThat(list.out()).contains("  1  Alice <alice@monentreprise.fr>").contains("Réunion demain").contains("  2  carol@exemple.com");
        ServeAndSendTest.Run second = ServeAndSendTest.smtplab("inspect", maildir.toString(), "--message", "2");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Subject: second").contains("> hello").doesNotContain("Réunion");
        assertThat(ServeAndSendTest.smtplab("inspect", maildir.toString(), "--all").out()).contains("Réunion demain").contains("Subject: second");
        assertThat(ServeAndSendTest.smtplab("inspect", maildir.toString(), "--message", "3").exitCode()).isEqualTo(2);
        assertThat(ServeAndSendTest.smtplab("inspect", dir.resolve("missing.eml").toString()).exitCode()).isEqualTo(3);
    }

    @Test
    void inspectSpeaksFrenchToo() throws Exception {
        Path eml = Files.write(dir.resolve("reunion.eml"), seed());
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("inspect", "--lang", "fr", eml.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Étape 1 sur 2, en comptant depuis le bas").contains("== Arbre MIME");
        assertThat(ServeAndSendTest.smtplab("inspect", "--lang", "xx", eml.toString()).exitCode()).isEqualTo(2);
    }

    private static java.util.List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
