// A load generator for full STARTTLS sessions on loopback (smtp-tls), run by compare.sh with the Java
// source launcher: it lives here, not in benchmarks/src, because the benchmarks module does not depend on
// smtp-tls yet.
//
// For each key type (RSA-2048, EC P-256) it starts our SmtpServer with STARTTLS (development certificate
// of that type) and runs, for SECONDS per round, sequential client sessions: connect, greeting, EHLO,
// STARTTLS, full TLS 1.3 handshake with chain and host-name verification, EHLO again, QUIT; and, as a
// reference for the SMTP part, the same sessions without TLS (connect, greeting, EHLO, QUIT); and the
// JDK's own signature rate with the server key (TLS 1.3 uses RSA-PSS rather than PKCS#1 v1.5, similar cost). Every session
// uses a new client SSLContext so that no session is resumed (RFC 8446 §2.2: a resumed handshake skips
// the certificate signature, the cost this measures). It prints sessions per second per round.

import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import io.github.smtplab.tls.ServerTlsPolicy;
import java.net.InetSocketAddress;
import java.security.Signature;
import java.time.Duration;
import java.util.List;

public class StartTlsLoad {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            IssuedCertificates issued = DevCertificates.generate(List.of(), algorithm);
            ServerTls tls = ServerTls.of(issued.server());
            ServerConfig config = ServerConfig.defaults("mx.exemple.com");
            try (SmtpServer server = SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0))
                    .shutdownGrace(Duration.ofSeconds(1)).tls(tls.startTls(ServerTlsPolicy.OPTIONAL)).start()) {
                // warm-up: JIT and the server's first connections
                run(server.address(), issued, Math.max(1, seconds / 2));
                for (int round = 1; round <= rounds; round++) {
                    double rate = run(server.address(), issued, seconds);
                    double plain = run(server.address(), null, seconds);
                    double signatures = signaturesPerSecond(issued, seconds);
                    System.out.printf("%s round %d: %.1f STARTTLS sessions/s (same server, no TLS: %.1f sessions/s; JDK %s: %.1f sign/s)%n",
                            algorithm, round, rate, plain, algorithm.signatureAlgorithm(), signatures);
                }
            }
        }
    }

    /** Signatures per second the JDK makes with the server's key: the main cost a full handshake adds on the server. */
    private static double signaturesPerSecond(IssuedCertificates issued, double seconds) throws Exception {
        Signature signer = Signature.getInstance(KeyAlgorithm.of(issued.server().privateKey()).signatureAlgorithm());
        byte[] data = new byte[64];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int count = 0;
        while (System.nanoTime() < end) {
            signer.initSign(issued.server().privateKey());
            signer.update(data);
            signer.sign();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Sequential sessions for {@code seconds} (without TLS when {@code issued} is null); returns sessions per second. */
    private static double run(InetSocketAddress server, IssuedCertificates issued, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int sessions = 0;
        while (System.nanoTime() < end) {
            SmtpClient.Options options = SmtpClient.Options.defaults("load.exemple.com");
            if (issued != null) {
                options = options.withTls(ClientTlsPolicy.REQUIRED, JsseClientTls.trusting(List.of(issued.ca())));   // fresh context: no resumption
            }
            try (SmtpClient client = SmtpClient.connect(server, options)) {
                if (issued != null && client.tls().isEmpty()) {
                    throw new IllegalStateException("no TLS");
                }
                client.quit();
            }
            sessions++;
        }
        return sessions / ((System.nanoTime() - start) / 1e9);
    }
}
