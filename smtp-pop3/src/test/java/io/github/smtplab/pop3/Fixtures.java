package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import java.time.Instant;
import java.util.Optional;

/** Users, messages and sessions shared by the engine tests. */
public final class Fixtures {

    public static final String BOB_PASSWORD = "demain 10h";
    public static final String ALICE_SECRET = "tanstaaf";
    /** RFC 1939 §7's own example timestamp. */
    public static final String TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";

    public static final String FIRST = "From: alice@monentreprise.fr\r\nSubject: one\r\n\r\nHello Bob\r\n.a line starting with a dot\r\n";
    public static final String SECOND = "Subject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";

    /** bob (PLAIN/LOGIN/SCRAM/USER), alice with a CRAM-MD5/APOP secret kept on purpose. */
    public static final UsersFile USERS = UsersFile.empty()
            .with(UserCredentials.create("bob", BOB_PASSWORD, 4096, false))
            .with(UserCredentials.create("alice", ALICE_SECRET, 4096, true));

    private Fixtures() {}

    public static InMemoryMailStore store() {
        return new InMemoryMailStore().with("bob", FIRST, SECOND).with("alice");
    }

    public static Pop3Config inClear() {
        return Pop3Config.defaults("pop.exemple.com").withAuthInClear(true);
    }

    public static Pop3Session session(Pop3Config config, MailStore store) {
        return session(config, store, new AuthFailures(config.auth(), Instant::now));
    }

    public static Pop3Session session(Pop3Config config, MailStore store, AuthFailures failures) {
        return new Pop3Session(config, USERS, store, failures, "192.0.2.1", Optional.of(TIMESTAMP));
    }
}
