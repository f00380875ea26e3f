package io.github.smtplab.lab;

import io.github.smtplab.pop3.Pop3Client;
import io.github.smtplab.pop3.Pop3RefusedException;
import io.github.smtplab.pop3.Pop3Transcript;
import io.github.smtplab.tls.JsseClientTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab pop3 fetch}: log in, retrieve every message, delete them on the server unless --keep. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Retrieves every message of a POP3 maildrop (RFC 1939).",
            "It sends CAPA, logs in (the strongest SASL mechanism offered, else USER/PASS), STAT, UIDL, RETR each, DELE each unless --keep, QUIT.",
            "With --maildir OUT the messages are stored as OUT/new/<unique-id> (a Maildir), then deleted on the",
            "server unless --keep; without it their unique-ids and subjects are only listed (TOP) and kept."},
        exitCodeList = {ExitCodes.OK + "every message retrieved (or listed)", ExitCodes.NEGATIVE + "the server refused the login or a command",
            ExitCodes.USAGE + "the command line is wrong", ExitCodes.TROUBLE + "could not reach the server: connection, TLS, timeout, protocol or file error"})
final class Pop3FetchCommand implements Callable<Integer> {

    /** How the connection is protected. */
    enum Tls { none, stls, implicit }

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, converter = HostPort.class, paramLabel = "HOST:PORT", description = "The POP3 server.")
    InetSocketAddress server;

    @Option(names = "--tls", defaultValue = "stls", description = "none, stls (RFC 2595) or implicit (RFC 8314, port 995) (default: ${DEFAULT-VALUE}).")
    Tls tls;

    @Option(names = "--trust", paramLabel = "PEM", description = "CA certificates to trust instead of the JDK's (e.g. the ca.pem of pop3 serve --dev-cert).")
    Path trust;

    @Option(names = "--server-name", description = "The name the certificate must carry (default: the host of --server).")
    String serverName;

    @Option(names = "--user", required = true, description = "The user to log in as.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password (else $SMTPLAB_PASSWORD).")
    Path passwordFile;

    @Option(names = "--auth-in-clear", description = "Allow sending the password without TLS (--tls none).")
    boolean authInClear;

    @Option(names = "--keep", description = "Leave the messages on the server (no DELE).")
    boolean keep;

    @Option(names = "--maildir", paramLabel = "OUT", description = "Store the messages in this Maildir (OUT/new/).")
    Path out;

    @Option(names = "--transcript", description = "Print every command and response (passwords masked).")
    boolean transcript;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (trust != null && tls == Tls.none) {
            throw new ParameterException(spec.commandLine(), "--trust needs --tls stls or implicit");
        }
        String password = Passwords.read(passwordFile, spec);
        JsseClientTls clientTls = trust != null ? JsseClientTls.trusting(trust) : JsseClientTls.systemTrust();
        Pop3Client.Options options = switch (tls) {
            case none -> Pop3Client.Options.plain();
            case stls -> Pop3Client.Options.stls(clientTls);
            case implicit -> Pop3Client.Options.implicitTls(clientTls);
        };
        options = options.withPasswordInClear(authInClear).withTranscript(transcript ? new ConsoleTranscript(console, "") : Pop3Transcript.NONE);
        if (out != null) {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(out.resolve(sub));
            }
        }
        boolean deleting = out != null && !keep;   // never delete what was not saved
        String name = serverName != null ? serverName : server.getHostString();
        try (Pop3Client client = Pop3Client.connect(server, name, options)) {
            client.login(user, password);
            Pop3Client.Stat stat = client.stat();
            console.printf("%s: %d messages, %d octets%n", user, stat.messages(), stat.octets());
            List<Pop3Client.UniqueId> ids = client.uidl();
            for (Pop3Client.UniqueId id : ids) {
                if (out != null) {
                    Path stored = store(client, id);
                    console.printf("  %d  %s -> %s%n", id.number(), id.uniqueId(), stored);
                } else {
                    ByteArrayOutputStream headerOnly = new ByteArrayOutputStream();
                    client.top(id.number(), 0, headerOnly);
                    console.printf("  %d  %s  %s%n", id.number(), id.uniqueId(), subject(headerOnly.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
                }
                if (deleting) {
                    client.delete(id.number());
                }
            }
            client.quit();   // RFC 1939 §6: only now are the deletions applied
            console.printf("%d messages %s%n", ids.size(), deleting ? "deleted on the server at QUIT" : "kept on the server");
            return Main.OK;
        } catch (Pop3RefusedException e) {
            spec.commandLine().getErr().println("smtplab pop3 fetch: " + e.getMessage());
            return Main.REFUSED;
        } catch (IOException e) {
            spec.commandLine().getErr().println("smtplab pop3 fetch: " + Main.oneLine(e));
            return Main.FAILED;
        }
    }

    /** RETR into OUT/tmp/, fsync, then rename into OUT/new/ (the Maildir way: readers see whole messages only). */
    private Path store(Pop3Client client, Pop3Client.UniqueId id) throws IOException {
        String safe = id.uniqueId().replace("/", "\\057").replace(":", "\\072");
        Path tmp = out.resolve("tmp").resolve(safe);
        try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream stream = java.nio.channels.Channels.newOutputStream(file)) {
            client.retrieve(id.number(), stream);
            stream.flush();
            file.force(true);
        }
        return Files.move(tmp, out.resolve("new").resolve(safe), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String subject(String header) {
        return header.lines().filter(l -> l.regionMatches(true, 0, "Subject:", 0, 8)).findFirst().map(String::strip).orElse("(no Subject)");
    }

}
