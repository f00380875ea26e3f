package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code email} package (Debian's python3, {@code policy=email.policy.default}), an independent
 * parser, reads the messages our builder writes; it must agree with our parser on the decoded Subject
 * and addresses, the tree of media types, file names and every leaf's decoded octets.
 */
@RequiresTool(value = "Python 3 email package", probe = {"/usr/bin/python3", "-c", "import email.policy"},
        install = "Debian package python3")
class PythonEmailOracleTest {

    static final int MESSAGES = 150;

    /** Prints, per file, base64 fields so that any octet survives: one line per fact. */
    private static final String SCRIPT = """
            import sys, base64, email, email.policy
            def b(x):
                if x is None: return '-'
                if isinstance(x, str): x = x.encode('utf-8', 'surrogateescape')
                return base64.b64encode(x).decode('ascii')
            for path in sys.argv[1:]:
                with open(path, 'rb') as f:
                    msg = email.message_from_binary_file(f, policy=email.policy.default)
                print('MSG', path)
                print('SUBJECT', b(str(msg['subject'])))
                for field in ('from', 'to', 'cc'):
                    h = msg[field]
                    if h is not None:
                        for a in h.addresses:
                            print('ADDR', field, b(a.display_name), b(a.addr_spec))
                for part in msg.walk():
                    print('TYPE', part.get_content_type())
                    if not part.is_multipart():
                        payload = part.get_payload(decode=True)
                        if str(part.get('content-transfer-encoding', '')).lower() != 'base64':
                            payload = payload.replace(b'\\r\\n', b'\\n')  # quopri and 7bit give LF line ends
                        print('LEAF', part.get_content_type(), b(part.get_filename()), b(payload))
            """;

    private record Facts(String subject, List<String> addresses, List<String> types, List<String> leaves) {}

    private static String b64(String s) {
        return s == null ? "-" : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] s) {
        return Base64.getEncoder().encodeToString(s);
    }

    private static Facts ours(byte[] message) {
        ParsedMessage p = Message.parse(message);
        List<String> addresses = new ArrayList<>();
        for (String field : List.of("from", "to", "cc")) {
            for (Address a : p.addresses(field)) {
                for (Mailbox m : a.mailboxes()) {
                    addresses.add(field + " " + b64(m.displayName()) + " " + b64(m.address()));
                }
            }
        }
        List<String> types = new ArrayList<>();
        List<String> leaves = new ArrayList<>();
        for (MimePart part : p.root().flatten()) {
            types.add(part.contentType().mimeType());
            if (part instanceof MimePart.Leaf l) {
                byte[] body = l.body();
                if (!part.headers().first("Content-Transfer-Encoding").orElse("").equalsIgnoreCase("base64")) {
                    // Python hands back quoted-printable and 7bit text with LF line ends: compare lines, not ends
                    body = new String(body, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
                }
                // Python's get_filename removes one pair of surrounding double quotes or angle brackets
                // (email.utils.unquote), then strips Unicode white space such as NO-BREAK SPACE from the ends:
                // its quirks, not RFC 2231's
                String filename = part.filename().map(n -> pythonUnquote(n).replaceAll("^[\\s\\u00a0]+|[\\s\\u00a0]+$", ""))
                        .orElse(null);
                leaves.add(l.contentType().mimeType() + " " + b64(filename) + " " + b64(body));
            }
        }
        return new Facts(b64(p.subject().orElse("")), addresses, types, leaves);
    }

    /**
     * RFC 2045–2047, 2231, 5322: for generated messages (the same generator as the round-trip properties),
     * Python and our parser see the same subject, addresses, tree, file names and decoded octets.
     */
    @Test
    @Timeout(120)
    void pythonReadsWhatWeWrite(@TempDir Path dir) throws IOException, InterruptedException {
        // qt() draws the messages (the generator of the round-trip properties); Python then reads them in one run
        List<byte[]> messages = new ArrayList<>();
        messages.add(SeedMessage.builder().build().bytes());
        qt().withExamples(MESSAGES - 1).forAll(MessageModel.models())
                .checkAssert(m -> messages.add(m.builder().build().bytes()));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Path f = dir.resolve("m" + i + ".eml");
            Files.write(f, messages.get(i));
            files.add(f);
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", SCRIPT));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();

        List<Facts> theirs = new ArrayList<>();
        Facts current = null;
        for (String line : text.split("\n")) {
            String[] w = line.split(" ", 2);
            switch (w[0]) {
                case "MSG" -> {
                    current = new Facts(null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    theirs.add(current);
                }
                case "SUBJECT" -> {
                    current = new Facts(w[1], current.addresses(), current.types(), current.leaves());
                    theirs.set(theirs.size() - 1, current);
                }
                case "ADDR" -> current.addresses().add(w[1]);
                case "TYPE" -> current.types().add(w[1]);
                case "LEAF" -> current.leaves().add(w[1]);
                default -> throw new AssertionError("unexpected output: " + line);
            }
        }
        assertThat(theirs).hasSize(MESSAGES);
        int agreed = 0;
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(theirs.get(i)).as("message %d:\n%s", i, new String(messages.get(i), StandardCharsets.UTF_8))
                    .isEqualTo(ours(messages.get(i)));
            agreed++;
        }
        System.out.println("[smtp-mime] Python email agreed on " + agreed + "/" + MESSAGES + " generated messages");
    }

    /** What Python's {@code email.utils.unquote} does to a decoded RFC 2231 file name (found when a generated name was {@code "…"}). */
    private static String pythonUnquote(String name) {
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
        }
        if (name.length() > 1 && name.startsWith("<") && name.endsWith(">")) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
