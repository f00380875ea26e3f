package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * {@code ./smtplab conformance} against our own {@code serve}, in the mx and the submission profiles: no MUST
 * may fail except those listed in {@code conformance/serve-known-failures.txt} (and that list must be exact,
 * so a fix or a regression shows). Also the exit codes (2 usage, 3 unreachable) and the report files.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConformanceAgainstServeTest {

    private static final Pattern RESULT = Pattern.compile(
            "\\{\"id\": \"([^\"]+)\".*?\"level\": \"([A-Z]+)\", \"outcome\": \"([a-z]+)\", \"detail\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    @Test
    void mxProfile() throws Exception {
        ServeCommand serve = new ServeCommand();
        Thread server = start(serve, "--catch-all", "--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", dir.resolve("mail").toString(),
                "--dev-cert", dir.resolve("certs").toString());
        try {
            Path json = dir.resolve("mx.json");
            Path junit = dir.resolve("mx.xml");
            Path html = dir.resolve("mx.html");
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("conformance", "--target", "127.0.0.1:" + serve.boundAddress.getPort(),
                    "--domain", "exemple.com", "--rcpt", "bob@exemple.com", "--maildir", dir.resolve("mail/bob@exemple.com").toString(),
                    "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString());
            Map<String, String[]> results = checkAgainstKnownFailures("mx", run, json);
            assertThat(results).containsKeys("smuggling.lflf", "relay.foreign-domain", "starttls.injection", "data.leading-dots");
            assertThat(results.get("starttls.injection")[1]).as("--dev-cert: STARTTLS probes run").isEqualTo("pass");
            assertThat(results.get("data.leading-dots")[1]).isEqualTo("pass");
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
            assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(results.size());
            assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").doesNotContain("http://", "https://", "<script");
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
    }

    @Test
    void submissionProfile() throws Exception {
        Path users = dir.resolve("users.txt");
        UsersCommand.Add add = new UsersCommand.Add();
        add.console = null;   // no terminal: the password comes from standard input
        add.input = new java.io.ByteArrayInputStream("s3cret-pass\n".getBytes(StandardCharsets.UTF_8));
        CommandLine addCli = new CommandLine(add);
        addCli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(addCli.execute("--file", users.toString(), "alice")).isZero();
        Path password = Files.writeString(dir.resolve("pw.txt"), "s3cret-pass\n");
        ServeCommand serve = new ServeCommand();
        Path certs = dir.resolve("certs");
        Thread server = start(serve, "--catch-all", "--listen", "127.0.0.1:0", "--role", "submission", "--domain", "exemple.com",
                "--maildir", dir.resolve("mail").toString(), "--dev-cert", certs.toString(), "--users", users.toString());
        try {
            Path json = dir.resolve("sub.json");
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("conformance", "--target", "127.0.0.1:" + serve.boundAddress.getPort(),
                    "--profile", "submission", "--tls", "starttls", "--trust", certs.resolve("ca.pem").toString(),
                    "--user", "alice", "--password-file", password.toString(), "--domain", "exemple.com", "--rcpt", "bob@exemple.com",
                    "--maildir", dir.resolve("mail/bob@exemple.com").toString(), "--json", json.toString());
            Map<String, String[]> results = checkAgainstKnownFailures("submission", run, json);
            assertThat(results.get("auth.wrong-password")[1]).isEqualTo("pass");
            assertThat(results.get("auth.in-transaction")[1]).isEqualTo("pass");
            assertThat(results.get("auth.not-offered-in-clear")[1]).isEqualTo("pass");
            assertThat(Files.readString(json)).as("--trust ca.pem: the certificate is checked")
                    .contains("certificate verified").doesNotContain("certificate not checked");
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
    }

    /** RFC 8314 section 3: with --tls implicit the suite speaks TLS from the first byte (port 465 semantics). */
    @Test
    void implicitTls() throws Exception {
        ServeCommand serve = new ServeCommand();
        Path certs = dir.resolve("certs");
        Thread server = start(serve, "--catch-all", "--listen", "127.0.0.1:0", "--implicit-tls-listen", "127.0.0.1:0", "--domain", "exemple.com",
                "--maildir", dir.resolve("mail").toString(), "--dev-cert", certs.toString());
        try {
            for (int i = 0; i < 400 && serve.boundImplicitAddress == null; i++) {
                Thread.sleep(25);
            }
            Path json = dir.resolve("implicit.json");
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("conformance", "--target", "127.0.0.1:" + serve.boundImplicitAddress.getPort(),
                    "--tls", "implicit", "--trust", certs.resolve("ca.pem").toString(), "--only", "greeting,data,smuggling",
                    "--domain", "exemple.com", "--rcpt", "bob@exemple.com", "--maildir", dir.resolve("mail/bob@exemple.com").toString(),
                    "--json", json.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.OK);
            assertThat(run.out()).contains(" passed, 0 failed, 0 skipped");
            assertThat(Files.readString(json)).contains("certificate verified").doesNotContain("\"outcome\": \"fail\"");
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
    }

    @Test
    void exitCodes() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ServeAndSendTest.Run unreachable = ServeAndSendTest.smtplab("conformance", "--target", "127.0.0.1:" + closedPort,
                "--domain", "exemple.com", "--rcpt", "bob@exemple.com");
        assertThat(unreachable.exitCode()).isEqualTo(Main.FAILED);
        assertThat(unreachable.err()).contains("cannot reach 127.0.0.1:" + closedPort);
        for (String[] usage : List.of(
                new String[] {"--profile", "relay"},
                new String[] {"--only", "nosuchgroup"},
                new String[] {"--user", "alice"},
                new String[] {"--trust", "ca.pem"},
                new String[] {"--tls", "sometimes"})) {
            List<String> args = new ArrayList<>(List.of("conformance", "--target", "127.0.0.1:" + closedPort, "--domain", "exemple.com",
                    "--rcpt", "bob@exemple.com"));
            args.addAll(List.of(usage));
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", usage) + ": " + run.err()).isEqualTo(Main.USAGE);
        }
    }

    /** Parses the JSON report; the MUST failures must be exactly the known ones; returns id -> {level, outcome}. */
    private static Map<String, String[]> checkAgainstKnownFailures(String profile, ServeAndSendTest.Run run, Path json) throws IOException {
        String text = Files.readString(json);
        assertThat(text).startsWith("{\n  \"target\": \"127.0.0.1:").contains("\"profile\": \"" + profile + "\"");
        Map<String, String[]> results = new TreeMap<>();
        TreeSet<String> failed = new TreeSet<>();
        Matcher m = RESULT.matcher(text);
        while (m.find()) {
            results.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4)});
            if (m.group(3).equals("fail")) {
                failed.add(m.group(1) + " (" + m.group(4) + ")");
            }
        }
        assertThat(results).hasSizeGreaterThan(80);
        TreeSet<String> failedIds = new TreeSet<>();
        failed.forEach(f -> failedIds.add(f.substring(0, f.indexOf(' '))));
        assertThat(failedIds).as("MUST failures of serve --role " + profile + ": " + failed + "\n" + run.out())
                .isEqualTo(knownFailures(profile));
        assertThat(run.exitCode()).isEqualTo(failedIds.isEmpty() ? Main.OK : Main.REFUSED);
        assertThat(run.out()).containsPattern("\\d+ passed, " + failedIds.size() + " failed, \\d+ skipped");
        return results;
    }

    private static TreeSet<String> knownFailures(String profile) throws IOException {
        TreeSet<String> known = new TreeSet<>();
        try (InputStream in = ConformanceAgainstServeTest.class.getResourceAsStream("/conformance/serve-known-failures.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(profile + " ")) {
                    known.add(line.substring(profile.length() + 1).trim());
                }
            }
        }
        return known;
    }

    private static Thread start(ServeCommand serve, String... args) throws InterruptedException {
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        Thread t = Thread.ofVirtual().start(() -> cli.execute(args));
        for (int i = 0; i < 800 && serve.boundAddress == null; i++) {
            Thread.sleep(25);
        }
        assertThat(serve.boundAddress).as(err.toString()).isNotNull();
        return t;
    }
}
