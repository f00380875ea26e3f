import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 23: each assertion names the rule of RFC 3207 and shows the buffered bytes, with CR and LF visible. */
class StartTlsUpgradeTest {

    private static final StartTlsUpgrade.Session AFTER_EHLO = new StartTlsUpgrade.Session("client.exemple.com", false);

    private static String visible(byte[] bytes) {
        return new String(bytes, US_ASCII).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static StartTlsUpgrade.Outcome upgrade(StartTlsUpgrade.Session session, String buffered) {
        return StartTlsUpgrade.startTls(session, buffered.getBytes(US_ASCII));
    }

    @Test
    @DisplayName("RFC 3207 4: 220 to STARTTLS after EHLO, nothing to discard when nothing follows")
    void readyToStartTls() {
        StartTlsUpgrade.Outcome outcome = upgrade(AFTER_EHLO, "STARTTLS\r\n");
        assertThat(outcome.reply()).as("RFC 3207 4: the server answers STARTTLS with 220 Ready to start TLS; buffered \"STARTTLS\\r\\n\"").startsWith("220 ");
        assertThat(outcome.discarded()).as("RFC 3207 4: nothing followed the STARTTLS line, nothing is discarded; buffered \"STARTTLS\\r\\n\"").isEmpty();
        assertThat(outcome.next().tls()).as("RFC 3207 4: after 220 the TLS negotiation begins; next session %s", outcome.next()).isTrue();
        assertThat(upgrade(AFTER_EHLO, "starttls\r\n").reply()).as("RFC 3207 4: the verb is case-insensitive (RFC 5321 2.4); buffered \"starttls\\r\\n\"").startsWith("220 ");
    }

    @Test
    @DisplayName("RFC 3207 4.2 discard: bytes pipelined in the clear behind STARTTLS are discarded (CVE-2011-0411)")
    void pipelinedPlaintextDiscarded() {
        String injected = "RSET\r\nMAIL FROM:<mallory@exemple.com>\r\n";
        StartTlsUpgrade.Outcome outcome = upgrade(AFTER_EHLO, "STARTTLS\r\n" + injected);
        assertThat(outcome.reply()).as("RFC 3207 4.2 discard: the server still answers 220; buffered \"STARTTLS\\r\\n%s\"", visible(injected.getBytes(US_ASCII)))
                .startsWith("220 ");
        assertThat(visible(outcome.remaining())).as("RFC 3207 4.2 discard: nothing read in the clear may be taken as a command inside TLS; buffered \"STARTTLS\\r\\n%s\"",
                visible(injected.getBytes(US_ASCII))).isEmpty();
        assertThat(visible(outcome.discarded())).as("RFC 3207 4.2 discard: every byte after the STARTTLS line is thrown away; buffered \"STARTTLS\\r\\n%s\"",
                visible(injected.getBytes(US_ASCII))).isEqualTo(visible(injected.getBytes(US_ASCII)));
    }

    @Test
    @DisplayName("RFC 3207 4.2 reset: the EHLO argument is forgotten, the client must send EHLO again")
    void ehloForgotten() {
        StartTlsUpgrade.Outcome outcome = upgrade(AFTER_EHLO, "STARTTLS\r\n");
        assertThat(outcome.next().ehloDomain())
                .as("RFC 3207 4.2 reset: the server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command; next session %s", outcome.next())
                .isNull();
        StartTlsUpgrade.Outcome again = StartTlsUpgrade.startTls(outcome.next(), "STARTTLS\r\n".getBytes(US_ASCII));
        assertThat(again.reply()).as("RFC 3207 4.2 reset: inside TLS, STARTTLS is refused with 503; session %s", outcome.next()).startsWith("503 ");
    }

    @Test
    @DisplayName("RFC 3207 4: STARTTLS refused keeps the buffered commands")
    void refusals() {
        StartTlsUpgrade.Outcome params = upgrade(AFTER_EHLO, "STARTTLS now\r\nNOOP\r\n");
        assertThat(params.reply()).as("RFC 3207 4: 501 Syntax error (no parameters allowed); buffered \"STARTTLS now\\r\\nNOOP\\r\\n\"").startsWith("501 ");
        assertThat(visible(params.remaining())).as("RFC 3207 4: after a refusal the session goes on in the clear, NOOP is still read; buffered \"STARTTLS now\\r\\nNOOP\\r\\n\"")
                .isEqualTo("NOOP\\r\\n");
        assertThat(params.next()).as("RFC 3207 4: a refused STARTTLS changes nothing; next session %s", params.next()).isEqualTo(AFTER_EHLO);
        StartTlsUpgrade.Session inTls = new StartTlsUpgrade.Session("client.exemple.com", true);
        StartTlsUpgrade.Outcome twice = StartTlsUpgrade.startTls(inTls, "STARTTLS\r\nNOOP\r\n".getBytes(US_ASCII));
        assertThat(twice.reply()).as("RFC 3207 4.2: the STARTTLS extension is not offered inside TLS: 503; session %s", inTls).startsWith("503 ");
        assertThat(twice.next()).as("RFC 3207 4.2: a refused STARTTLS inside TLS changes nothing; next session %s", twice.next()).isEqualTo(inTls);
        StartTlsUpgrade.Outcome noEhlo = upgrade(new StartTlsUpgrade.Session(null, false), "STARTTLS\r\n");
        assertThat(noEhlo.reply()).as("RFC 3207 4: STARTTLS is an EHLO extension: 503 before EHLO; buffered \"STARTTLS\\r\\n\"").startsWith("503 ");
    }
}
