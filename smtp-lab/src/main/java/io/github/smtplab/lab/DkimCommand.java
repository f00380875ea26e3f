package io.github.smtplab.lab;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dkim.KeyReadResult;
import io.github.smtplab.auth.dkim.LineEndings;
import io.github.smtplab.auth.dkim.SignResult;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./smtplab dkim keygen|sign|verify}: DKIM (RFC 6376, RFC 8463) from the command line, with the
 * smtp-auth {@code dkim} package. Messages come on standard input and go to standard output; LF-only files are
 * taken as CRLF (RFC 5322 §2.1).
 */
@Command(name = "dkim", mixinStandardHelpOptions = true,
        subcommands = {DkimCommand.Keygen.class, DkimCommand.Sign.class, DkimCommand.Verify.class},
        description = {"DKIM signatures (RFC 6376; RFC 8463 for Ed25519): make a key, sign, verify."},
        exitCodeList = {ExitCodes.USAGE + "no subcommand given (the usage was printed)"})
final class DkimCommand implements Callable<Integer> {

    /** At most this much of standard input is read as one message (far above SMTP's usual size limits). */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    static byte[] readMessage(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_MESSAGE_BYTES + 1);
        if (data.length > MAX_MESSAGE_BYTES) {
            throw new IOException("message larger than " + MAX_MESSAGE_BYTES + " octets");
        }
        return LineEndings.toCrlf(data);
    }

    /** {@code keygen}: writes a private key and prints the TXT record to publish. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Generates a signing key and prints the DNS record that publishes its public half.",
                "Writes PREFIX.private.pem (PKCS#8) and PREFIX.txt; the TXT record goes at SELECTOR._domainkey.DOMAIN."},
            exitCodeList = {ExitCodes.OK + "the key was written", ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "the files cannot be written"})
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--algorithm", defaultValue = "rsa", description = "rsa or ed25519 (default: ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--bits", defaultValue = "2048", description = "RSA key size, 1024 to 4096 (default: ${DEFAULT-VALUE}).")
        int bits;

        @Option(names = "--selector", required = true, description = "The selector (s=).")
        String selector;

        @Option(names = "--domain", required = true, description = "The signing domain (d=).")
        String domain;

        @Option(names = "--out", required = true, description = "File name prefix for PREFIX.private.pem and PREFIX.txt.")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            DkimAlgorithm alg = switch (algorithm.toLowerCase(java.util.Locale.ROOT)) {
                case "rsa", "rsa-sha256" -> DkimAlgorithm.RSA_SHA256;
                case "ed25519", "ed25519-sha256" -> DkimAlgorithm.ED25519_SHA256;
                default -> null;
            };
            if (alg == null) {
                err.println("dkim keygen: --algorithm is rsa or ed25519, not " + algorithm);
                return Main.USAGE;
            }
            SigningKey key;
            try {
                key = SigningKey.generate(alg, bits);
            } catch (IllegalArgumentException e) {
                err.println("dkim keygen: " + e.getMessage());
                return Main.USAGE;
            }
            String record = txtLine(selector + "._domainkey." + domain + ".", key.keyRecord());
            Path pem = Path.of(out + ".private.pem");
            Files.writeString(pem, key.privateKeyPem());
            try {
                Files.setPosixFilePermissions(pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(Path.of(out + ".txt"), record + "\n");
            spec.commandLine().getOut().println(record);
            spec.commandLine().getOut().flush();
            return Main.OK;
        }

        /** A master-file TXT line, the text cut into 255-octet character-strings (RFC 1035 §3.3.14). */
        static String txtLine(String name, String text) {
            StringBuilder b = new StringBuilder(name).append(" IN TXT (");
            for (int i = 0; i < text.length(); i += 255) {
                b.append(" \"").append(text, i, Math.min(text.length(), i + 255)).append('"');
            }
            return b.append(" )").toString();
        }
    }

    /** {@code sign}: signs standard input to standard output. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Signs the message on standard input and writes it, signed, on standard output.",
                "c=relaxed/relaxed, h= over-signed; the DKIM-Signature field comes first."},
            exitCodeList = {ExitCodes.OK + "signed", ExitCodes.NEGATIVE + "this message cannot be signed (it says why)",
                ExitCodes.USAGE + "the command line or the key is wrong", ExitCodes.TROUBLE + "the key cannot be read"})
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, description = "Private key: PEM (PKCS#8 or PKCS#1) or a base64 Ed25519 seed.")
        Path key;

        @Option(names = "--selector", required = true, description = "The selector (s=).")
        String selector;

        @Option(names = "--domain", required = true, description = "The signing domain (d=).")
        String domain;

        @Option(names = "--headers", description = "Fields to sign, colon-separated, e.g. From:To:Subject:Date (default: the recommended set).")
        String headers;

        InputStream in = System.in;
        OutputStream out = System.out;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SigningKey signingKey;
            switch (SigningKey.read(Files.readString(key, StandardCharsets.ISO_8859_1))) {
                case KeyReadResult.Unreadable u -> {
                    err.println("dkim sign: " + key + ": " + u.reason());
                    return Main.USAGE;
                }
                case KeyReadResult.Read r -> signingKey = r.key();
            }
            DkimSigner signer;
            try {
                signer = DkimSigner.of(signingKey, domain, selector);
                if (headers != null) {
                    List<String> names = Arrays.stream(headers.split(":")).map(String::strip).toList();
                    signer = signer.withHeaders(names);
                }
            } catch (IllegalArgumentException e) {
                err.println("dkim sign: " + e.getMessage());
                return Main.USAGE;
            }
            switch (signer.sign(readMessage(in))) {
                case SignResult.Refused r -> {
                    err.println("dkim sign: " + r.reason());
                    return Main.REFUSED;
                }
                case SignResult.Signed s -> {
                    out.write(s.message());
                    out.flush();
                    return Main.OK;
                }
            }
        }
    }

    /** {@code verify}: one result line per signature. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verifies every DKIM-Signature of the message on standard input.",
                "Prints one line each, e.g. 'dkim=pass header.d=example.com header.s=s1 header.a=rsa-sha256'",
                "('dkim=none' if unsigned)."},
            exitCodeList = {ExitCodes.OK + "at least one signature passes", ExitCodes.NEGATIVE + "none passes (or the message is unsigned)",
                ExitCodes.USAGE + "the command line is wrong"})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dns", description = "HOST:PORT of the DNS server for key lookups (default: /etc/resolv.conf).")
        String dns;

        InputStream in = System.in;

        @Override
        public Integer call() throws IOException {
            ResolverConfig config = DnsServers.of(dns);
            List<DkimResult> results = new DkimVerifier(new StubResolver(config)).verify(readMessage(in));
            PrintWriter out = spec.commandLine().getOut();
            if (results.isEmpty()) {
                out.println("dkim=none");
            }
            results.forEach(r -> out.println(r.resultLine()));
            out.flush();
            return results.stream().anyMatch(r -> r instanceof DkimResult.Pass) ? Main.OK : Main.REFUSED;
        }
    }

    /** For tests: the command line with standard input and output replaced. */
    static CommandLine withStreams(InputStream in, OutputStream out) {
        CommandLine cli = new CommandLine(new DkimCommand());
        ((Sign) cli.getSubcommands().get("sign").getCommand()).in = in;
        ((Sign) cli.getSubcommands().get("sign").getCommand()).out = out;
        ((Verify) cli.getSubcommands().get("verify").getCommand()).in = in;
        return cli;
    }
}
