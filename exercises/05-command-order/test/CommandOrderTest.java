import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 05: each assertion names the rule of RFC 5321 and shows the dialogue so far. */
class CommandOrderTest {

    private final CommandOrder server = new CommandOrder();
    private final List<String> said = new ArrayList<>();

    /** Sends a command and checks its reply code. */
    private void says(String command, int expected, String rule) {
        said.add(command);
        int code = server.reply(command);
        assertThat(code).as("%s; dialogue %s", rule, said).isEqualTo(expected);
    }

    private void transaction() {
        says("EHLO client.monentreprise.fr", 250, "RFC 5321 4.1.4: EHLO opens the session");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.4: MAIL after EHLO");
        says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.4: RCPT after MAIL");
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: EHLO, MAIL, RCPT, DATA in order are accepted")
    void theNormalOrder() {
        transaction();
        says("DATA", 354, "RFC 5321 4.1.1.4: DATA after a RCPT gets 354");
        assertThat(server.endOfData()).as("RFC 5321 4.1.1.4: the message received; dialogue %s", said).isEqualTo(250);
        says("QUIT", 221, "RFC 5321 4.1.1.10: QUIT gets 221");
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: a session MUST first be initialized by EHLO")
    void mailNeedsEhlo() {
        says("MAIL FROM:<alice@monentreprise.fr>", 503, "RFC 5321 4.1.4: MAIL before EHLO is out of sequence");
        says("HELO client.monentreprise.fr", 250, "RFC 5321 4.1.1.1: HELO also opens the session");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.4: MAIL after HELO");
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: RCPT before MAIL and DATA before RCPT get 503")
    void outOfSequence() {
        says("EHLO client.monentreprise.fr", 250, "RFC 5321 4.1.4: EHLO opens the session");
        says("RCPT TO:<bob@exemple.com>", 503, "RFC 5321 4.1.4: RCPT before MAIL is out of sequence");
        says("DATA", 503, "RFC 5321 3.3: DATA with no MAIL and no RCPT gets 503");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.4: the server stayed in its state after 503");
        says("DATA", 503, "RFC 5321 3.3: DATA with no RCPT gets 503");
        says("MAIL FROM:<other@monentreprise.fr>", 503, "RFC 5321 4.1.4: a second MAIL inside a transaction is out of sequence");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.5: RSET discards the sender and recipients, not the EHLO")
    void rsetClearsTheTransaction() {
        transaction();
        says("RSET", 250, "RFC 5321 4.1.1.5: the receiver MUST send 250 OK to RSET");
        says("DATA", 503, "RFC 5321 4.1.1.5: any stored sender, recipients, and mail data MUST be discarded");
        says("RCPT TO:<bob@exemple.com>", 503, "RFC 5321 4.1.1.5: after RSET there is no sender any more");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.5: RSET keeps the session: no new EHLO needed");
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: a later EHLO resets the state exactly as RSET")
    void ehloResets() {
        transaction();
        says("EHLO client.monentreprise.fr", 250, "RFC 5321 4.1.4: EHLO again");
        says("DATA", 503, "RFC 5321 4.1.4: the SMTP server MUST clear all buffers and reset the state after EHLO");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: the end of the data ends the transaction")
    void endOfDataEndsTheTransaction() {
        transaction();
        says("DATA", 354, "RFC 5321 4.1.1.4: DATA after a RCPT gets 354");
        server.endOfData();
        says("RCPT TO:<carol@exemple.com>", 503, "RFC 5321 4.1.1.4: after the message, a new transaction needs MAIL");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.4: a new transaction may start");
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: NOOP, VRFY and RSET need no EHLO")
    void anyTimeCommands() {
        says("NOOP", 250, "RFC 5321 4.1.4: NOOP can be used at any time, without a 503");
        says("RSET", 250, "RFC 5321 4.1.4: RSET can be used at any time, without a 503");
        says("VRFY bob", 252, "RFC 5321 4.1.4: VRFY can be used at any time, without a 503");
    }

    @Test
    @DisplayName("RFC 5321 2.4: verbs are not case sensitive; unknown ones get 500")
    void verbs() {
        says("ehlo client.monentreprise.fr", 250, "RFC 5321 2.4: ehlo in lower case");
        says("mail FROM:<alice@monentreprise.fr>", 250, "RFC 5321 2.4: mail in lower case");
        says("Rcpt TO:<bob@exemple.com>", 250, "RFC 5321 2.4: Rcpt in mixed case");
        says("data", 354, "RFC 5321 2.4: data in lower case");
        says("HELLO", 500, "RFC 5321 4.2.4: an unrecognized command gets 500");
    }
}
