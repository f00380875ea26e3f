package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Table-driven examples of the grammar, each a rule of RFC 5321 §4.1.2 / §4.1.3. */
class CommandGrammarTest {

    final CommandParser strict = new CommandParser();
    final CommandParser lenient = new CommandParser(ParsePolicy.LENIENT);

    @ParameterizedTest
    @ValueSource(strings = {
            "MAIL FROM:<alice@monentreprise.fr>",
            "MAIL FROM:<>",
            "MAIL FROM:<\"john smith\"@example.com>",
            "MAIL FROM:<a.b.c@[192.0.2.1]>",
            "MAIL FROM:<a@[IPv6:2001:db8::1]>",
            "MAIL FROM:<a@[IPv6:::ffff:192.0.2.1]>",
            "MAIL FROM:<a@[IPv6:1:2:3:4:5:6:192.0.2.1]>",
            "MAIL FROM:<a@[x-tag:any!content]>",
            "MAIL FROM:<alice@monentreprise.fr> SIZE=1000 BODY=8BITMIME",
            "RCPT TO:<Postmaster>",
            "RCPT TO:<postmaster@exemple.com>",
            "RCPT TO:<bob@exemple.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@exemple.com",
    })
    void validPaths(String line) {
        assertThat(strict.parse(line)).isNotInstanceOfAny(Command.Malformed.class, Command.Unknown.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MAIL FROM:<a@b..c>              | sub-domain",
            "MAIL FROM:<a@-b.c>              | sub-domain",
            "MAIL FROM:<a@b-.c>              | Ldh-str",
            "MAIL FROM:<.a@b.c>              | Atom",
            "MAIL FROM:<a..b@c.d>            | Atom",
            "MAIL FROM:<a b@c.d>             | Mailbox",
            "MAIL FROM:<\"a@b.c>             | Quoted-string",
            "MAIL FROM:<a@b.c                | Path",
            "MAIL FROM:<a@[300.1.1.1]>       | address-literal",
            "MAIL FROM:<a@[IPv6:1::2::3]>    | address-literal",
            "MAIL FROM:<a@[IPv6:1:2:3:4:5:6:7:8:9]> | address-literal",
            "MAIL FROM:<a@b.c> SIZE=         | esmtp-value",
            "MAIL FROM:<a@b.c> SIZE=1 SIZE=2 | esmtp-param",
            "MAIL FROM:<a@b.c>  SIZE=1       | esmtp-keyword",
            "MAIL FROM: <a@b.c>              | Path",
            "MAIL FRM:<a@b.c>                | MAIL FROM:",
    })
    void invalidPathsNameTheBrokenRule(String line, String rule) {
        Command c = strict.parse(line.strip());
        assertThat(c).isInstanceOf(Command.Malformed.class);
        assertThat(((Command.Malformed) c).reply().text()).contains("rule " + rule + ",");
        assertThat(((Command.Malformed) c).reply().code()).isEqualTo(501);
    }

    /** §4.1.1.3 and Appendix C: a source route is accepted and ignored. */
    @Test
    void sourceRoutesAreIgnored() {
        assertThat(strict.parse("RCPT TO:<@hosta.int,@jkl.org:userc@d.bar.org>"))
                .isEqualTo(new Command.RcptTo(new Mailbox("userc", "d.bar.org")));
    }

    /** §4.5.3.1.1 and §4.5.3.1.2: 64 octets of local part, 255 of domain, 63 per label. */
    @Test
    void lengthLimits() {
        assertThat(strict.parse("MAIL FROM:<" + "a".repeat(64) + "@b.c>")).isInstanceOf(Command.MailFrom.class);
        assertThat(strict.parse("MAIL FROM:<" + "a".repeat(65) + "@b.c>")).isInstanceOf(Command.Malformed.class);
        assertThat(strict.parse("MAIL FROM:<a@" + "b".repeat(63) + ".c>")).isInstanceOf(Command.MailFrom.class);
        assertThat(strict.parse("MAIL FROM:<a@" + "b".repeat(64) + ".c>")).isInstanceOf(Command.Malformed.class);
        String domain255 = ("x".repeat(62) + ".").repeat(4) + "abc";
        assertThat(domain255).hasSize(255);
        assertThat(Mailbox.parse("a@" + domain255).domain()).isEqualTo(domain255);
        assertThatThrownBy(() -> Mailbox.parse("a@" + domain255 + "d")).isInstanceOf(IllegalArgumentException.class);
        // §4.5.3.1.3: the whole path, "<" and ">" included, is at most 256 octets
        String domain250 = ("x".repeat(62) + ".").repeat(3) + "x".repeat(61);
        assertThat(("<a@" + domain250 + ">")).hasSize(254);
        assertThat(strict.parse("MAIL FROM:<a@" + domain250 + ">")).isInstanceOf(Command.MailFrom.class);
        assertThat(strict.parse("MAIL FROM:<abc@" + domain250 + ">")).isInstanceOf(Command.MailFrom.class);   // 256: the limit
        assertThat(strict.parse("MAIL FROM:<abcd@" + domain250 + ">")).isInstanceOf(Command.Malformed.class)
                .extracting(c -> ((Command.Malformed) c).reply().text()).asString().contains("section 4.5.3.1.3");
        assertThatThrownBy(() -> new Mailbox("a".repeat(65), "b.c")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Each deviation the lenient policy accepts, and the strict policy refuses. */
    @Test
    void theLenientPolicyAcceptsTheKnownDeviations() {
        for (String line : new String[] {"MAIL FROM: <a@b.example>", "MAIL FROM:a@b.example", "MAIL FROM:<a@b.example>  "}) {
            assertThat(strict.parse(line)).as(line).isInstanceOf(Command.Malformed.class);
            assertThat(lenient.parse(line)).as(line).isEqualTo(new Command.MailFrom(new Mailbox("a", "b.example")));
        }
    }

    @Test
    void xtextParametersAreDecoded() {
        Command.MailFrom mail = (Command.MailFrom) strict.parse("MAIL FROM:<a@b.c> ENVID=QQ+2B1+3D AUTH=<a+2Bb@c.d>");
        assertThat(mail.parameters().envid()).contains("QQ+1=");
        assertThat(mail.parameters().auth()).contains("<a+b@c.d>");
        assertThat(new EsmtpParameters(java.util.Map.of("ENVID", Optional.of("bad+zz"))).envid()).isEmpty();
    }

    @Test
    void otherCommands() {
        assertThat(strict.parse("bdat 1000 last")).isEqualTo(new Command.Bdat(1000, true));
        assertThat(strict.parse("BDAT x")).isInstanceOf(Command.Malformed.class);
        assertThat(strict.parse("AUTH plain =")).isEqualTo(new Command.Auth("PLAIN", Optional.of("=")));
        assertThat(strict.parse("AUTH SCRAM-SHA-256")).isEqualTo(new Command.Auth("SCRAM-SHA-256", Optional.empty()));
        assertThat(strict.parse("AUTH PL@IN")).isInstanceOf(Command.Malformed.class);
        assertThat(strict.parse("STARTTLS now")).isInstanceOf(Command.Malformed.class);
        assertThat(strict.parse("VRFY")).isInstanceOf(Command.Malformed.class);
        assertThat(strict.parse("TURN")).isEqualTo(new Command.Unknown("TURN", "TURN"));
        assertThat(strict.parse("EHLO [192.0.2.1]")).isEqualTo(new Command.Ehlo("[192.0.2.1]"));
        assertThat(strict.parse("HELO [192.0.2.1]")).isInstanceOf(Command.Malformed.class);
        assertThat(lenient.parse("HELO [192.0.2.1]")).isEqualTo(new Command.Helo("[192.0.2.1]"));
        assertThat(strict.parse(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xC3})).isInstanceOf(Command.Malformed.class);
    }
}
