package io.github.smtplab.lab.learn;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dkim.SignResult;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.Message;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code learn try 24}: the demo's message, DKIM-signed rsa-sha256 by smtplab's signer and delivered by
 * smtplab's MX; the learner's {@code DkimRsaVerifier} checks it with the key record a real DNS lookup returned,
 * beside smtplab's own verifier, then two copies changed on the way (a Subject, a word of the body).
 */
final class TryDkimVerify implements TryCommand.Scenario {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");

    @Override
    public boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception {
        SigningKey key = SigningKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
        byte[] message = demoMessage();
        if (!(DkimSigner.of(key, "monentreprise.fr", "s1").sign(message) instanceof SignResult.Signed signed)) {
            throw new IllegalStateException("smtplab's signer refused the demo's message");
        }
        String delivered = deliver(signed.message());
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone(key.keyRecord())))) {
            StubResolver resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + dns.address().getPort()));
            String record = keyRecord(resolver);
            out.println(say.t("The demo's message, signed by smtplab (rsa-sha256, a 2048-bit key made now; the demo itself signs with Ed25519):",
                    "Le message de la démo, signé par smtplab (rsa-sha256, une clé de 2048 bits créée à l'instant ; la démo signe en Ed25519) :"));
            out.print(new String(signed.field(), StandardCharsets.US_ASCII));
            out.println(say.t("delivered by smtplab's MX (which added Received: on top); ", "livré par le MX de smtplab (qui a ajouté Received: en tête) ; ")
                    + "dig s1._domainkey.monentreprise.fr TXT -> \"" + abbreviated(record) + "\"");
            out.println();
            out.println(say.t("What your headerHashInput() says the signer signed (CRLF shown as \\r\\n):",
                    "Ce que votre headerHashInput() dit que le signataire a signé (CRLF affiché \\r\\n) :"));
            out.println(hashInput(code, delivered).replace("\r\n", "\\r\\n\n"));
            out.println();
            DkimVerifier ours = new DkimVerifier(resolver);
            boolean agree = compare(code, out, say, say.t("as delivered", "tel que livré"), delivered, record, ours);
            agree &= compare(code, out, say, say.t("Subject changed on the way", "Subject changé en route"),
                    delivered.replace("\r\nSubject: ", "\r\nSubject: Urgent "), record, ours);
            agree &= compare(code, out, say, say.t("one word of the body changed", "un mot du corps changé"),
                    delivered.replace("Bonjour Bob", "Bonjour Eve"), record, ours);
            return agree;
        }
    }

    /** The demo's message ("Réunion demain", Alice to Bob and Charlie), without its attachment. */
    static byte[] demoMessage() {
        return Message.builder().from("Alice <alice@monentreprise.fr>").to("Bob <bob@exemple.com>")
                .cc("Charlie <charlie@exemple.com>").subject("Réunion demain")
                .text("Bonjour Bob, bonjour Charlie,\n\nJe vous propose de nous retrouver demain à 10h.\nL'ordre du jour est joint.\n\nAlice\n")
                .build().bytes();
    }

    /** Through smtplab's MX into a mailbox: the message as Bob's server stored it. */
    private static String deliver(byte[] message) throws Exception {
        InMemoryDelivery mailbox = new InMemoryDelivery("mx.exemple.com");
        try (SmtpServer mx = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(mailbox).idleTimeout(Duration.ofSeconds(10)).shutdownGrace(Duration.ofSeconds(1)).start();
             SmtpClient client = SmtpClient.connect(mx.address(), SmtpClient.Options.defaults("smtp.monentreprise.fr"))) {
            if (!client.send(ALICE, List.of(BOB), message).allAccepted()) {
                throw new IllegalStateException("smtplab's MX refused the demo's message");
            }
        }
        return mailbox.messages().get(0).text();
    }

    private static Zone zone(String keyRecord) {
        String text = "$ORIGIN monentreprise.fr.\n$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.0.1\n"
                + "s1._domainkey IN TXT \"" + keyRecord.substring(0, 200) + "\" \"" + keyRecord.substring(200) + "\"\n";
        return switch (MasterFileParser.parse(text, DomainName.of("monentreprise.fr"))) {
            case ZoneParseResult.Parsed parsed -> parsed.zone();
            case ZoneParseResult.Failed failed -> throw new IllegalStateException("zone line " + failed.line() + ": " + failed.message());
        };
    }

    /** The TXT record's character-strings, joined as RFC 6376 section 3.6.2.2 says. */
    private static String keyRecord(StubResolver resolver) {
        if (resolver.query(DomainName.of("s1._domainkey.monentreprise.fr"), RecordType.TXT) instanceof LookupResult.Found found) {
            return found.records().stream().map(r -> r.data()).filter(RecordData.Txt.class::isInstance)
                    .map(t -> String.join("", ((RecordData.Txt) t).strings())).findFirst().orElseThrow();
        }
        throw new IllegalStateException("smtplab's DNS server did not answer for s1._domainkey.monentreprise.fr");
    }

    private static String hashInput(LearnerCode code, String message) throws Exception {
        List<String> fields = HeaderBlock.read(message.getBytes(StandardCharsets.UTF_8)).headers().fields().stream()
                .map(f -> new String(f.raw(), StandardCharsets.UTF_8)).toList();
        String signature = fields.stream().filter(f -> f.regionMatches(true, 0, "DKIM-Signature:", 0, 15)).findFirst().orElseThrow();
        return (String) code.call("DkimRsaVerifier", "headerHashInput", new Class<?>[] {List.class, String.class}, fields, signature);
    }

    /** The learner's verdict and smtplab's on one message; true when they agree. */
    private static boolean compare(LearnerCode code, PrintWriter out, Say say, String what, String message, String record, DkimVerifier ours) throws Exception {
        boolean yours = (Boolean) code.call("DkimRsaVerifier", "verify", new Class<?>[] {String.class, String.class}, message, record);
        List<DkimResult> results = ours.verify(message.getBytes(StandardCharsets.UTF_8));
        boolean oursPass = results.stream().anyMatch(DkimResult.Pass.class::isInstance);
        out.printf("%-32s %s %-6s %s %s%s%n", what + ":", say.t("your verify():", "votre verify() :"), yours ? "pass" : "fail",
                say.t("smtplab:", "smtplab :"), results.isEmpty() ? "none" : describe(results.get(0)), yours == oursPass ? "  ✓" : "  ✗");
        return yours == oursPass;
    }

    private static String describe(DkimResult result) {
        String name = result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return result instanceof DkimResult.Pass ? name : name + " (" + result.reason() + ")";
    }

    private static String abbreviated(String record) {
        return record.length() <= 48 ? record : record.substring(0, 40) + "…" + record.substring(record.length() - 8);
    }
}
