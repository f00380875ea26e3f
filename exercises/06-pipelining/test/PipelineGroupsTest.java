import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 06: each assertion names the rule of RFC 2920 and shows the commands. */
class PipelineGroupsTest {

    private static void groups(List<String> commands, List<List<String>> expected, String rule) {
        assertThat(PipelineGroups.group(commands)).as("%s; input %s", rule, commands).isEqualTo(expected);
    }

    @Test
    @DisplayName("RFC 2920 3.1: MAIL and RCPT travel together, DATA ends the group")
    void transactionInOneGroup() {
        groups(List.of("MAIL FROM:<alice@monentreprise.fr>", "RCPT TO:<bob@exemple.com>", "RCPT TO:<carol@exemple.com>", "DATA"),
                List.of(List.of("MAIL FROM:<alice@monentreprise.fr>", "RCPT TO:<bob@exemple.com>", "RCPT TO:<carol@exemple.com>", "DATA")),
                "RFC 2920 3.1: MAIL FROM and RCPT TO can appear anywhere in a group; DATA only last");
    }

    @Test
    @DisplayName("RFC 2920 3.1: EHLO, DATA, VRFY, EXPN, TURN, QUIT and NOOP can only be last")
    void stateChangingCommandsEndTheGroup() {
        groups(List.of("EHLO client", "MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA", "QUIT"),
                List.of(List.of("EHLO client"), List.of("MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA"), List.of("QUIT")),
                "RFC 2920 3.1: EHLO and DATA can only appear as the last command in a group");
        groups(List.of("NOOP", "VRFY bob", "EXPN staff", "TURN", "RSET", "QUIT"),
                List.of(List.of("NOOP"), List.of("VRFY bob"), List.of("EXPN staff"), List.of("TURN"), List.of("RSET", "QUIT")),
                "RFC 2920 3.1: NOOP, VRFY, EXPN, TURN can only be last; RSET can appear anywhere");
    }

    @Test
    @DisplayName("RFC 2920 3.1: RSET and the old SEND, SOML, SAML can appear anywhere")
    void rsetAndOldVerbsContinue() {
        groups(List.of("RSET", "SEND FROM:<a@b.example>", "SOML FROM:<a@b.example>", "SAML FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA"),
                List.of(List.of("RSET", "SEND FROM:<a@b.example>", "SOML FROM:<a@b.example>", "SAML FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA")),
                "RFC 2920 3.1: RSET, SEND FROM, SOML FROM, SAML FROM can all appear anywhere");
    }

    @Test
    @DisplayName("RFC 2920 3.1: commands of other extensions may only be last")
    void extensionCommandsEndTheGroup() {
        groups(List.of("STARTTLS", "EHLO client", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "MAIL FROM:<a@b.example>", "BDAT 10 LAST"),
                List.of(List.of("STARTTLS"), List.of("EHLO client"), List.of("AUTH PLAIN AGFsaWNlAHNlY3JldA=="), List.of("MAIL FROM:<a@b.example>", "BDAT 10 LAST")),
                "RFC 2920 3.1: additional commands added by other SMTP extensions may only appear as the last command in a group");
    }

    @Test
    @DisplayName("RFC 2920 3.1: a group may end with MAIL or RCPT when the commands run out")
    void openGroupAtTheEnd() {
        groups(List.of("MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>"), List.of(List.of("MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>")),
                "RFC 2920 3.1: the last commands form a group of their own");
        groups(List.of(), List.of(), "RFC 2920 3.1: no commands, no groups");
    }

    @Test
    @DisplayName("RFC 5321 2.4: verbs are not case sensitive when grouping")
    void verbsInAnyCase() {
        groups(List.of("mail FROM:<a@b.example>", "Rcpt TO:<c@d.example>", "data", "quit"),
                List.of(List.of("mail FROM:<a@b.example>", "Rcpt TO:<c@d.example>", "data"), List.of("quit")),
                "RFC 5321 2.4: verbs are not case sensitive (RFC 2920 3.1 applies to mail, Rcpt, data)");
    }
}
