package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./smtplab dns serve} answering {@code ./smtplab dig}, in-process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsCommandsTest {

    @TempDir
    Path dir;

    @Test
    void digAsksTheEmbeddedServer() throws Exception {
        Path zone = dir.resolve("exemple.com.zone");
        Files.writeString(zone, """
                $ORIGIN exemple.com.
                $TTL 300
                @   IN SOA ns.exemple.com. hostmaster.exemple.com. ( 1 3600 600 86400 60 )
                    IN NS  ns
                    IN MX  10 mx
                    IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                ns  IN A   127.0.0.1
                mx  IN A   127.0.0.1
                www IN CNAME mx
                """);
        DnsCommand.Serve serve = new DnsCommand.Serve();
        CommandLine cli = new CommandLine(serve);
        StringWriter serveOut = new StringWriter();
        cli.setOut(new PrintWriter(serveOut, true));
        Thread server = Thread.ofVirtual().start(() -> cli.execute("--zone", zone.toString(), "--listen", "127.0.0.1:0"));
        while (serve.boundAddress == null) {
            Thread.sleep(20);
        }
        String at = "127.0.0.1:" + serve.boundAddress.getPort();
        try {
            ServeAndSendTest.Run mx = ServeAndSendTest.smtplab("dig", "exemple.com", "MX", "--server", at);
            assertThat(mx.exitCode()).as(mx.err()).isZero();
            assertThat(mx.out()).isEqualTo("10 mx.exemple.com.\n;; status: NOERROR\n");
            ServeAndSendTest.Run txt = ServeAndSendTest.smtplab("dig", "exemple.com", "txt", "--server", at, "--tcp");
            assertThat(txt.out()).startsWith("\"v=spf1 ip4:127.0.0.0/8 -all\"\n");
            ServeAndSendTest.Run cname = ServeAndSendTest.smtplab("dig", "www.exemple.com", "--server", at);
            assertThat(cname.out()).isEqualTo("mx.exemple.com.\n127.0.0.1\n;; status: NOERROR\n");
            ServeAndSendTest.Run none = ServeAndSendTest.smtplab("dig", "nobody.exemple.com", "A", "--server", at);
            assertThat(none.exitCode()).isEqualTo(Main.REFUSED);
            assertThat(none.out()).isEqualTo(";; status: NXDOMAIN\n");
            ServeAndSendTest.Run refused = ServeAndSendTest.smtplab("dig", "example.org", "A", "--server", at);
            assertThat(refused.out()).startsWith(";; status: REFUSED");
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
        assertThat(serveOut.toString()).contains("1 zone(s) on /127.0.0.1:");
    }
}
