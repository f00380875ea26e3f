package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.SessionView;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An MX accepts only its recipients: 550 5.1.1 for the others (RFC 5321 §3.3), postmaster always (§4.5.1). */
class LocalRecipientsTest {

    static final ServerHooks NOWHERE = new ServerHooks() {
        @Override
        public MessageSink onData(Envelope envelope, SessionView session) {
            throw new AssertionError("no delivery in this test");
        }
    };

    private static RoleHooks mx(LocalRecipients recipients) {
        return new RoleHooks(Role.MX, Set.of("exemple.com"), recipients, NOWHERE, Optional.empty(), s -> false);
    }

    private static Reply rcpt(RoleHooks hooks, String to) {
        ForwardPath path = to.equals("<Postmaster>") ? new ForwardPath.Postmaster() : Mailbox.parse(to);
        return hooks.onRcpt(path, EsmtpParameters.NONE, new ServerSession(ServerConfig.defaults("mx.exemple.com")));
    }

    @Test
    void onlyListedRecipientsArePostmasterAndCaseDoNotMatter() {
        RoleHooks hooks = mx(LocalRecipients.parse("# the MX of exemple.com\nbob@exemple.com\n\n  Charlie@Exemple.com  \n"));
        assertThat(rcpt(hooks, "bob@exemple.com")).isEqualTo(Replies.RECIPIENT_OK);
        assertThat(rcpt(hooks, "BOB@EXEMPLE.COM")).isEqualTo(Replies.RECIPIENT_OK);
        assertThat(rcpt(hooks, "charlie@exemple.com")).isEqualTo(Replies.RECIPIENT_OK);
        assertThat(rcpt(hooks, "postmaster@exemple.com")).isEqualTo(Replies.RECIPIENT_OK);
        assertThat(rcpt(hooks, "<Postmaster>")).isEqualTo(Replies.RECIPIENT_OK);
        assertThat(rcpt(hooks, "x7f3k@exemple.com").format()).isEqualTo("550 5.1.1 Mailbox unavailable\r\n");
        // not local: the relay rule answers, not the list
        assertThat(rcpt(hooks, "bob@elsewhere.example")).isEqualTo(Replies.RELAY_DENIED);
    }

    @Test
    void aCatchAllTakesAnyLocalPart() {
        assertThat(rcpt(mx(LocalRecipients.catchAll()), "x7f3k@exemple.com")).isEqualTo(Replies.RECIPIENT_OK);
    }

    @Test
    void aBadLineIsNamed() {
        assertThatThrownBy(() -> LocalRecipients.parse("bob@exemple.com\nnot an address\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2: not an address");
    }
}
