package io.github.smtplab.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.auth.sasl.internal.FailureTracker;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file, the failure tracker, the client's choice, the sender rule. */
class StoreAndPolicyTest {

    @TempDir
    Path dir;

    /** The users file keeps verifiers only: written, read back, equal; the password appears nowhere unless CRAM-MD5 was asked. */
    @Test
    void usersFileRoundTripHoldsNoPassword() throws IOException {
        Path file = dir.resolve("users.txt");
        UsersFile users = UsersFile.empty()
                .with(UserCredentials.create("alice", "correct horse", Fixtures.FAST, false))
                .with(UserCredentials.create("bob@exemple.com", "battery staple", Fixtures.FAST, true));
        users.write(file);
        String text = Files.readString(file);
        assertThat(text).doesNotContain("correct horse").doesNotContain("battery staple");
        assertThat(text.lines().filter(l -> l.startsWith("alice:"))).singleElement().asString().doesNotContain("cram-md5-secret");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        UsersFile back = UsersFile.read(file);
        assertThat(back.users()).isEqualTo(users.users());
        assertThat(back.find("alice").orElseThrow().password().matches("correct horse".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(back.find("alice").orElseThrow().password().matches("correct horsf".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(back.find("bob@exemple.com").orElseThrow().cramSecret()).contains("battery staple");
        assertThat(back.find("carol")).isEmpty();
    }

    /** A damaged users file is refused with the line number, never half-read. */
    @Test
    void damagedUsersFileNamesTheLine() {
        assertThatThrownBy(() -> UsersFile.parse("# comment\n\nalice:pbkdf2-sha256$4096$c2FsdHNhbHQ=$AAAA:scram\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> UsersFile.parse("alice:pbkdf2-sha256$12$c2FsdHNhbHQ=$" + "A".repeat(43) + "=:x$1\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1");
    }

    /** User names the file cannot hold (separator, space, control character, empty, too long) are refused. */
    @Test
    void usernameRules() {
        for (String bad : List.of("", "a:b", "a b", "a\tb", "a\u0000b", "a\u2028b", "x".repeat(256))) {
            assertThatThrownBy(() -> UserCredentials.checkUsername(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        UserCredentials.checkUsername("élodie@exemple.fr");
    }

    /** Pauses double per failure of one key (address and user) up to the maximum; success and time forget. */
    @Test
    void failureTracker() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        FailureTracker t = new FailureTracker(Duration.ofSeconds(1), Duration.ofSeconds(5), now::get);
        assertThat(List.of(t.delayAfter(1), t.delayAfter(2), t.delayAfter(3), t.delayAfter(4), t.delayAfter(40)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
        t.fail("192.0.2.1 alice");
        t.fail("192.0.2.1 alice");
        assertThat(t.fail("192.0.2.1 alice")).isEqualTo(3);
        assertThat(t.failures("192.0.2.1 bob")).isZero();
        now.set(now.get().plus(FailureTracker.FORGET_AFTER).plusSeconds(1));
        assertThat(t.failures("192.0.2.1 alice")).isZero();
        t.fail("192.0.2.2 alice");
        t.succeed("192.0.2.2 alice");
        assertThat(t.failures("192.0.2.2 alice")).isZero();
    }

    /** The client prefers SCRAM-SHA-256 > CRAM-MD5 > PLAIN > LOGIN, and PLAIN/LOGIN only inside TLS unless forced. */
    @Test
    void clientChoice() {
        PasswordAuthentication a = PasswordAuthentication.of("alice", "pw");
        assertThat(a.strongest(List.of("LOGIN", "PLAIN", "CRAM-MD5", "SCRAM-SHA-256"), false)).contains(Mechanism.SCRAM_SHA_256);
        assertThat(a.strongest(List.of("LOGIN", "PLAIN", "cram-md5"), false)).contains(Mechanism.CRAM_MD5);
        assertThat(a.strongest(List.of("LOGIN", "PLAIN"), false)).isEmpty();
        assertThat(a.strongest(List.of("LOGIN", "PLAIN"), true)).contains(Mechanism.PLAIN);
        assertThat(a.strongest(List.of("LOGIN"), true)).contains(Mechanism.LOGIN);
        assertThat(a.withPasswordInClear(true).strongest(List.of("LOGIN", "PLAIN"), false)).contains(Mechanism.PLAIN);
        assertThat(a.withMechanisms(EnumSet.of(Mechanism.LOGIN)).strongest(List.of("LOGIN", "PLAIN"), true)).contains(Mechanism.LOGIN);
        assertThat(a.strongest(List.of("GSSAPI", "XOAUTH2"), true)).isEmpty();
        assertThat(a.choose(List.of("SCRAM-SHA-256"), false).map(c -> c.mechanism())).contains("SCRAM-SHA-256");
    }

    /** RFC 6409 §6.1: the own-address rule accepts the user's address or local part, refuses others and <>. */
    @Test
    void ownAddressRule() {
        SenderRule rule = SenderRule.ownAddress();
        assertThat(rule.allows("alice", new Mailbox("alice", "exemple.com"))).isTrue();
        assertThat(rule.allows("alice@exemple.com", new Mailbox("alice", "EXEMPLE.com"))).isTrue();
        assertThat(rule.allows("alice@exemple.com", new Mailbox("alice", "ailleurs.example"))).isFalse();
        assertThat(rule.allows("alice", new Mailbox("Alice", "exemple.com"))).isFalse();
        assertThat(rule.allows("alice", ReversePath.NULL)).isFalse();
        assertThat(SenderRule.ANY.allows("alice", ReversePath.NULL)).isTrue();
    }

    /** The policy: a submission listener offers nothing before TLS; a mechanism in clear must be offered at all. */
    @Test
    void policy() {
        AuthPolicy p = AuthPolicy.submission();
        assertThat(p.allowed(false)).isEmpty();
        assertThat(p.allowed(true)).containsExactly(Mechanism.SCRAM_SHA_256, Mechanism.PLAIN, Mechanism.LOGIN);
        AuthPolicy clear = p.withRequireTls(false).withMechanisms(EnumSet.allOf(Mechanism.class), EnumSet.of(Mechanism.SCRAM_SHA_256, Mechanism.CRAM_MD5));
        assertThat(clear.allowed(false)).containsExactly(Mechanism.SCRAM_SHA_256, Mechanism.CRAM_MD5);
        assertThatThrownBy(() -> p.withMechanisms(EnumSet.of(Mechanism.PLAIN), EnumSet.of(Mechanism.LOGIN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Optional.of(p.maxFailures())).contains(AuthPolicy.DEFAULT_MAX_FAILURES);
    }
}
