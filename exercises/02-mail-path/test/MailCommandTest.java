import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 02: each assertion names the rule of RFC 5321 it checks and shows the command line. */
class MailCommandTest {

    @Test
    @DisplayName("RFC 5321 4.1.2: MAIL FROM:<mailbox>")
    void plainMailFrom() {
        String line = "MAIL FROM:<alice@monentreprise.fr>";
        assertThat(MailCommand.parseMailFrom(line).mailbox()).as("RFC 5321 4.1.2: Path = \"<\" Mailbox \">\"; input [%s]", line)
                .isEqualTo("alice@monentreprise.fr");
        assertThat(MailCommand.parseMailFrom(line).parameters()).as("RFC 5321 4.1.2: no parameters; input [%s]", line).isEmpty();
    }

    @Test
    @DisplayName("RFC 5321 2.4: verbs are not case sensitive")
    void verbsAreNotCaseSensitive() {
        for (String line : List.of("mail from:<alice@monentreprise.fr>", "Mail From:<alice@monentreprise.fr>")) {
            assertThat(MailCommand.parseMailFrom(line).mailbox()).as("RFC 5321 2.4: verbs are not case sensitive; input [%s]", line)
                    .isEqualTo("alice@monentreprise.fr");
        }
        String rcpt = "rcpt to:<bob@exemple.com>";
        assertThat(MailCommand.parseRcptTo(rcpt).mailbox()).as("RFC 5321 2.4: verbs are not case sensitive; input [%s]", rcpt)
                .isEqualTo("bob@exemple.com");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.2: the null reverse-path <> is accepted in MAIL FROM")
    void nullReversePathIsTheEmptyMailbox() {
        String line = "MAIL FROM:<>";
        assertThat(MailCommand.parseMailFrom(line).mailbox()).as("RFC 5321 4.1.1.2: Reverse-path = Path / \"<>\"; input [%s]", line).isEmpty();
    }

    @Test
    @DisplayName("RFC 5321 4.1.2: a source route MUST BE accepted and SHOULD be ignored")
    void sourceRouteIsAcceptedAndIgnored() {
        String line = "MAIL FROM:<@relay.example,@mx.example:alice@monentreprise.fr>";
        assertThat(MailCommand.parseMailFrom(line).mailbox()).as("RFC 5321 4.1.2: the source route MUST BE accepted and SHOULD be ignored; input [%s]", line)
                .isEqualTo("alice@monentreprise.fr");
        String rcpt = "RCPT TO:<@hop.example:bob@exemple.com>";
        assertThat(MailCommand.parseRcptTo(rcpt).mailbox()).as("RFC 5321 4.1.2: the source route MUST BE accepted and SHOULD be ignored; input [%s]", rcpt)
                .isEqualTo("bob@exemple.com");
    }

    @Test
    @DisplayName("RFC 5321 4.1.2: esmtp-param = esmtp-keyword [\"=\" esmtp-value]")
    void parametersByUpperCaseKeyword() {
        String line = "MAIL FROM:<alice@monentreprise.fr> size=1234 BODY=8BITMIME SMTPUTF8";
        assertThat(MailCommand.parseMailFrom(line).parameters())
                .as("RFC 5321 4.1.2: esmtp-param = esmtp-keyword [\"=\" esmtp-value], keywords not case sensitive (2.4); input [%s]", line)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("SIZE", "1234", "BODY", "8BITMIME", "SMTPUTF8", ""));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.3: RCPT TO:<Postmaster> needs no domain")
    void postmasterWithoutDomain() {
        String line = "RCPT TO:<Postmaster>";
        assertThat(MailCommand.parseRcptTo(line).mailbox()).as("RFC 5321 4.1.1.3: RCPT TO:<Postmaster> is always accepted; input [%s]", line)
                .isEqualTo("Postmaster");
    }

    @Test
    @DisplayName("RFC 5321 4.1.2: a path is in angle brackets")
    void pathNeedsAngleBrackets() {
        for (String line : List.of("MAIL FROM:alice@monentreprise.fr", "MAIL FROM:<alice@monentreprise.fr", "MAIL FROM: alice@monentreprise.fr")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 5321 4.1.2: Path = \"<\" [ A-d-l \":\" ] Mailbox \">\"; input [%s]", line)
                    .isThrownBy(() -> MailCommand.parseMailFrom(line));
        }
    }

    @Test
    @DisplayName("RFC 5321 4.1.2: Forward-path = Path, never <>")
    void forwardPathIsNeverNull() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 5321 4.1.2: Forward-path = Path, so <> is not a recipient; input [RCPT TO:<>]")
                .isThrownBy(() -> MailCommand.parseRcptTo("RCPT TO:<>"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.2: a mailbox is local-part@domain, and MAIL is not RCPT")
    void otherVerbsAndBareNamesAreRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 5321 4.1.1.3: RCPT TO is not MAIL FROM; input [RCPT TO:<bob@exemple.com>] to parseMailFrom")
                .isThrownBy(() -> MailCommand.parseMailFrom("RCPT TO:<bob@exemple.com>"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 5321 4.1.2: Mailbox = Local-part \"@\" ( Domain / address-literal ); input [MAIL FROM:<alice>]")
                .isThrownBy(() -> MailCommand.parseMailFrom("MAIL FROM:<alice>"));
    }
}
