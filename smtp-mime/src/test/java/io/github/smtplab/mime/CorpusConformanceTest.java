package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public corpora in {@code shared/conformance/mime/}: our parser runs over every file without crash or
 * hang, and we count how often it agrees with the expectations shipped with the files. Agreement is
 * reported, not required to be total: the corpora encode other parsers' choices on malformed input.
 */
class CorpusConformanceTest {

    private static final ParseLimits LIMITS = ParseLimits.DEFAULTS;

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- mime4j: expected trees and bodies

    /**
     * A minimal reader of mime4j's expectation XML (tags only; the structure is all we need): returns the
     * expected tree, written like {@link #shape(MimePart, String, List)}: M{fields}(body), P{fields}(body),
     * [parts], L; and collects the expected body files in order.
     */
    private static final class ExpectedTree {
        private final java.util.regex.Matcher tags;
        private final List<Path> bodies;
        private final Path dir;

        ExpectedTree(String xml, List<Path> bodies, Path dir) {
            this.tags = java.util.regex.Pattern.compile("<(/?)([a-z-]+)([^>]*?)(/?)>").matcher(xml);
            this.bodies = bodies;
            this.dir = dir;
        }

        /** Reads the entity whose opening tag ({@code message} or {@code body-part}) was just consumed. */
        String entity(String kind, String closing) {
            int fields = 0;
            String body = "L";
            while (tags.find()) {
                String name = tags.group(2);
                boolean close = !tags.group(1).isEmpty();
                boolean selfClosing = !tags.group(4).isEmpty();
                if (close && name.equals(closing)) {
                    break;
                }
                if (close) {
                    continue;
                }
                switch (name) {
                    case "field" -> fields++;
                    case "multipart" -> body = multipart();
                    case "message" -> body = entity("M", "message");
                    case "text-body", "binary-body" -> {
                        java.util.regex.Matcher n = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(tags.group(3));
                        if (n.find()) {
                            bodies.add(dir.resolve(n.group(1)));
                        }
                        body = "L";
                        if (!selfClosing) {
                            skipTo(name);
                        }
                    }
                    default -> { }
                }
            }
            return kind + "{" + fields + "}(" + body + ")";
        }

        private String multipart() {
            StringBuilder parts = new StringBuilder("[");
            while (tags.find()) {
                String name = tags.group(2);
                boolean close = !tags.group(1).isEmpty();
                if (close && name.equals("multipart")) {
                    break;
                }
                if (!close && name.equals("body-part")) {
                    parts.append(entity("P", "body-part"));
                }
            }
            return parts.append("]").toString();
        }

        private void skipTo(String name) {
            while (tags.find()) {
                if (!tags.group(1).isEmpty() && tags.group(2).equals(name)) {
                    return;
                }
            }
        }

        String read() {
            while (tags.find()) {
                if (tags.group(1).isEmpty() && tags.group(2).equals("message")) {
                    return entity("M", "message");
                }
            }
            return "";
        }
    }

    private static String shape(MimePart p, String kind, List<MimePart.Leaf> leaves) {
        String body = switch (p) {
            case MimePart.Multipart mp -> {
                StringBuilder parts = new StringBuilder("[");
                mp.parts().forEach(c -> parts.append(shape(c, "P", leaves)));
                yield parts.append("]").toString();
            }
            case MimePart.Encapsulated en -> shape(en.message(), "M", leaves);
            case MimePart.Leaf l -> {
                leaves.add(l);
                yield "L";
            }
        };
        return kind + "{" + p.headers().fields().size() + "}(" + body + ")";
    }

    private static String withoutFieldCounts(String shape) {
        return shape.replaceAll("\\{\\d+}", "");
    }

    /**
     * mime4j's corpora (RFC 2045/2046 messages, many malformed): for each X.msg with an X_decoded.xml,
     * compare the tree (entities and nesting), the header field counts and each leaf's decoded octets.
     */
    @Test
    @Timeout(120)
    @RequiresSharedData({"mime/mime4j-testmsgs", "mime/mime4j-mimetools-testmsgs"})
    void mime4jCorpora() throws Exception {
        int files = 0;
        int withExpectation = 0;
        int treeAgrees = 0;
        int fieldsAgree = 0;
        int bodiesAgree = 0;
        int fullAgreement = 0;
        List<String> treeMismatches = new ArrayList<>();
        for (String corpus : List.of("mime/mime4j-testmsgs", "mime/mime4j-mimetools-testmsgs")) {
            Path dir = SharedData.path(corpus);
            for (Path msg : files(dir, ".msg")) {
                files++;
                byte[] bytes = Files.readAllBytes(msg);
                ParsedMessage parsed = MessageParser.parse(bytes, LIMITS);
                assertThat(parsed.root()).isNotNull();
                String base = msg.getFileName().toString().replaceAll("\\.msg$", "");
                Path decoded = dir.resolve(base + "_decoded.xml");
                if (!Files.exists(decoded)) {
                    continue;
                }
                withExpectation++;
                List<Path> expectedBodies = new ArrayList<>();
                String expected = new ExpectedTree(Files.readString(decoded, StandardCharsets.ISO_8859_1),
                        expectedBodies, dir).read();
                List<MimePart.Leaf> leaves = new ArrayList<>();
                String ours = shape(parsed.root(), "M", leaves);
                boolean tree = withoutFieldCounts(expected).equals(withoutFieldCounts(ours));
                boolean fields = expected.equals(ours);
                boolean bodies = tree && expectedBodies.size() == leaves.size();
                for (int i = 0; bodies && i < leaves.size(); i++) {
                    bodies = sameBody(leaves.get(i), Files.readAllBytes(expectedBodies.get(i)));
                }
                treeAgrees += tree ? 1 : 0;
                fieldsAgree += fields ? 1 : 0;
                bodiesAgree += bodies ? 1 : 0;
                fullAgreement += fields && bodies ? 1 : 0;
                if (!tree) {
                    treeMismatches.add(base + ": expected " + withoutFieldCounts(expected) + " got " + withoutFieldCounts(ours));
                } else if (!fields || !bodies) {
                    treeMismatches.add(base + ": same tree; " + (fields ? "" : "field counts " + expected + " vs " + ours + "; ")
                            + (bodies ? "" : "a decoded body differs"));
                }
            }
        }
        System.out.printf("[smtp-mime] mime4j corpora: %d messages parsed without error; %d with expected trees: "
                + "tree %d, tree+field counts %d, tree+decoded bodies %d, all %d%n",
                files, withExpectation, treeAgrees, fieldsAgree, bodiesAgree, fullAgreement);
        treeMismatches.forEach(m -> System.out.println("[smtp-mime]   differs: " + m));
        assertThat(files).isGreaterThan(50);
        assertThat(treeAgrees).as("tree agreement").isGreaterThanOrEqualTo(withExpectation * 3 / 4);
    }

    /** mime4j writes text bodies charset-decoded as UTF-8 or as raw octets: accept either, line ends aside. */
    private static boolean sameBody(MimePart.Leaf leaf, byte[] expected) {
        byte[] ours = leaf.body();
        if (Arrays.equals(ours, expected)) {
            return true;
        }
        String e = new String(expected, StandardCharsets.UTF_8).replace("\r\n", "\n");
        return new String(ours, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                .equals(new String(expected, StandardCharsets.ISO_8859_1).replace("\r\n", "\n"))
                || leaf.text().replace("\r\n", "\n").equals(e);
    }

    // ---------------------------------------------------------------- stalwart: expected JSON

    /** Reads stalwart's JSON with Python's json module (a data reader only) into simple lines. */
    private static final String STALWART_SCRIPT = """
            import sys, json, base64
            def b(s): return base64.b64encode(s.encode('utf-8', 'surrogateescape')).decode('ascii')
            for path in sys.argv[1:]:
                d = json.load(open(path, encoding='utf-8'))
                parts = d['parts']
                print('FILE', path)
                print('PARTS', len(parts))
                subject = '-'
                for h in parts[0]['headers']:
                    if h['name'] == 'subject' and isinstance(h['value'], dict) and 'Text' in h['value']:
                        subject = b(h['value']['Text'])
                        break
                print('SUBJECT', subject)
                for p in parts:
                    body = p['body']
                    if isinstance(body, dict):
                        for kind in ('Text', 'Html'):
                            if kind in body:
                                print('TEXT', b(body[kind]))
            """;

    private record Expected(int parts, String subject, List<String> texts) {}

    /** Entities as stalwart counts them: every part, but a nested message counts as one. */
    private static void collect(MimePart p, List<MimePart> out) {
        out.add(p);
        if (p instanceof MimePart.Multipart mp) {
            mp.parts().forEach(c -> collect(c, out));
        }
    }

    /**
     * stalwart mail-parser's corpus (rfc, malformed, thirdparty): parse each .eml; compare with its .json the
     * number of parts, the decoded Subject (RFC 2047) and the decoded text of text/html parts.
     */
    @Test
    @Timeout(120)
    @RequiresSharedData("mime/stalwart-mail-parser/eml")
    @RequiresTool(value = "Python 3 (json reader)", probe = {"/usr/bin/python3", "-c", "import json"}, install = "Debian package python3")
    void stalwartCorpus() throws Exception {
        Path root = SharedData.path("mime/stalwart-mail-parser/eml");
        List<Path> emls = new ArrayList<>();
        for (String sub : List.of("rfc", "malformed", "thirdparty")) {
            emls.addAll(files(root.resolve(sub), ".eml"));
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", STALWART_SCRIPT));
        List<Path> withJson = new ArrayList<>();
        for (Path eml : emls) {
            Path json = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".json"));
            if (Files.exists(json)) {
                withJson.add(eml);
                command.add(json.toString());
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<Expected> expected = new ArrayList<>();
        int parts = 0;
        String subject = null;
        List<String> texts = null;
        for (String line : (out + "FILE end").split("\n")) {
            String[] w = line.split(" ", 2);
            switch (w[0]) {
                case "FILE" -> {
                    if (texts != null) {
                        expected.add(new Expected(parts, subject, texts));
                    }
                    texts = new ArrayList<>();
                }
                case "PARTS" -> parts = Integer.parseInt(w[1].strip());
                case "SUBJECT" -> subject = w[1].strip().equals("-") ? null
                        : new String(Base64.getDecoder().decode(w[1].strip()), StandardCharsets.UTF_8);
                case "TEXT" -> texts.add(new String(Base64.getDecoder().decode(w[1].strip()), StandardCharsets.UTF_8));
                default -> throw new AssertionError(line);
            }
        }
        assertThat(expected).hasSameSizeAs(withJson);
        int partsAgree = 0;
        int subjectsAgree = 0;
        int textsAgree = 0;
        int all = 0;
        List<String> notes = new ArrayList<>();
        for (Path eml : emls) {
            assertThat(MessageParser.parse(Files.readAllBytes(eml), LIMITS).root()).isNotNull();
        }
        for (int i = 0; i < withJson.size(); i++) {
            Expected want = expected.get(i);
            ParsedMessage parsed = MessageParser.parse(Files.readAllBytes(withJson.get(i)), LIMITS);
            List<MimePart> entities = new ArrayList<>();
            collect(parsed.root(), entities);
            boolean p = entities.size() == want.parts();
            String ourSubject = parsed.subject().orElse(null);
            boolean s = want.subject() == null ? ourSubject == null || ourSubject.isBlank()
                    : ourSubject != null && ourSubject.strip().equals(want.subject().strip());
            List<String> ourTexts = entities.stream()
                    .filter(e -> e instanceof MimePart.Leaf && e.contentType().isText()
                            && (e.contentType().subtype().equals("plain") || e.contentType().subtype().equals("html"))
                            && !e.isAttachment())
                    .map(e -> ((MimePart.Leaf) e).text().replace("\r\n", "\n").strip()).toList();
            List<String> theirTexts = want.texts().stream().map(t -> t.replace("\r\n", "\n").strip()).toList();
            boolean t = ourTexts.equals(theirTexts);
            partsAgree += p ? 1 : 0;
            subjectsAgree += s ? 1 : 0;
            textsAgree += t ? 1 : 0;
            all += p && s && t ? 1 : 0;
            if (!(p && s)) {
                notes.add(root.relativize(withJson.get(i)) + (p ? "" : " parts " + entities.size() + " vs " + want.parts())
                        + (s ? "" : " subject [" + ourSubject + "] vs [" + want.subject() + "]"));
            }
        }
        System.out.printf("[smtp-mime] stalwart corpus: %d .eml parsed without error; %d with expected JSON: "
                + "part count %d, subject %d, text bodies %d, all three %d%n",
                emls.size(), withJson.size(), partsAgree, subjectsAgree, textsAgree, all);
        notes.stream().limit(15).forEach(n -> System.out.println("[smtp-mime]   differs: " + n));
        assertThat(emls).hasSizeGreaterThan(40);
        assertThat(subjectsAgree).isGreaterThanOrEqualTo(withJson.size() / 2);
    }
}
