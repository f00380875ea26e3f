package io.github.smtplab.auth.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * RFC 9989 §4.2, §5.3.1 and §11.5: a message whose From mailboxes include a domain that publishes
 * {@code p=reject} never gets through the inbound checks without a DMARC verdict, whatever else its header
 * holds: more From fields, more mailboxes, groups, comments, case and trailing dots, junk fields, folding,
 * LF-only line ends, huge fields, no empty line. With the policy enforced (and nothing authenticating
 * {@code evil.test}) it is refused; reported only, it carries {@code dmarc=fail} or {@code dmarc=permerror}.
 */
class DmarcNoEscapeProperties {

    private static final InboundChecker REPORTING = new InboundChecker("mx.exemple.com", HostileFrom.dns());
    private static final InboundChecker ENFORCING = REPORTING.enforcingPolicy(true);

    /** One spelling of a mailbox at evil.test, the p=reject domain (RFC 5322 §3.4 forms, §3.2.2 comments). */
    private static Gen<String> evilMailbox() {
        return Generate.pick(List.of("ceo@evil.test", "ceo@EVIL.TEST", "ceo@evil.test.", "CEO <ceo@Evil.Test>",
                "\"The CEO\" <ceo@evil.test>", "ceo(boss)@evil.test", "ceo@(x)evil.test", "<ceo@evil.test>",
                "=?utf-8?q?PDG?= <ceo@evil.test.>", "ceo @ evil . test"))
                .zip(integers().between(0, 70), (m, depth) -> depth > 3 && depth % 2 == 0 ? HostileFrom.nestedComments(depth) : m);
    }

    /** A mailbox elsewhere. */
    private static Gen<String> otherMailbox() {
        return Generate.pick(List.of("x@other.test", "y@exemple.com", "Bob <bob@OTHER.test.>", "z@[192.0.2.1]", "a@b"));
    }

    /** The From fields: at least one holds an evil.test mailbox, perhaps in a list or a group. */
    private static Gen<List<String>> fromFields() {
        Gen<String> withEvil = evilMailbox().zip(lists().of(otherMailbox()).ofSizeBetween(0, 3), integers().between(0, 3),
                (evil, others, shape) -> {
                    List<String> all = new ArrayList<>(others);
                    all.add(Math.min(shape, all.size()), evil);
                    String list = String.join(", ", all);
                    return "From: " + (shape == 3 ? "Board: " + list + ";" : list);
                });
        return withEvil.zip(lists().of(otherMailbox().map(m -> "From: " + m)).ofSizeBetween(0, 2), (first, more) -> {
            List<String> fields = new ArrayList<>(more);
            fields.add(first);
            return fields;
        });
    }

    /** Other fields, ordinary and hostile. */
    private static Gen<String> otherField() {
        return Generate.pick(List.of("Subject: hi", "To: bob@exemple.com", "Sender: ceo@evil.test", "X-Folded: a\r\n b\r\n\tc",
                "Received: from a by b; Sun, 6 Dec 2026 10:00:00 +0000", "no colon here", "Reply-To: ceo@evil.test",
                "Authentication-Results: mx.exemple.com; dmarc=pass header.from=evil.test", "X-Many: 1"));
    }

    private static Gen<byte[]> messages() {
        return fromFields().zip(lists().of(otherField()).ofSizeBetween(0, 6), integers().between(0, 9), (from, others, form) -> {
            List<String> fields = new ArrayList<>(others);
            fields.addAll(form % 3 == 0 ? 0 : fields.size(), from);
            if (form == 4) {
                Collections.reverse(fields);
            }
            String eol = form == 5 ? "\n" : "\r\n";
            StringBuilder header = new StringBuilder();
            if (form == 6) {
                header.append(HostileFrom.bigField(1_100_000));
            }
            if (form == 7) {
                header.append("X-F: 1\r\n".repeat(10_001));
            }
            fields.forEach(f -> header.append(f.replace("\r\n", eol)).append(eol));
            String rest = form == 8 ? "" : eol + "body" + eol;   // form 8: no empty line, no body
            return (header + rest).getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void enforcedPolicyRefusesEveryVariant() {
        qt().withExamples(300).forAll(messages()).checkAssert(message -> assertThat(
                ENFORCING.check(HostileFrom.SESSION, message)).as(new String(message, 0, Math.min(400, message.length),
                StandardCharsets.UTF_8)).isInstanceOf(InboundVerdict.Refuse.class));
    }

    @Test
    void reportedOnlyNeverLacksADmarcVerdict() {
        qt().withExamples(300).forAll(messages()).checkAssert(message -> {
            if (REPORTING.check(HostileFrom.SESSION, message) instanceof InboundVerdict.Deliver d) {
                String fields = new String(d.headerOctets(new byte[0]), StandardCharsets.US_ASCII);
                assertThat(fields).as(new String(message, 0, Math.min(400, message.length), StandardCharsets.UTF_8))
                        .containsPattern("dmarc=(fail|permerror)");
            }
        });
    }
}
