package io.github.smtplab.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators that follow the ABNF of RFC 5321 §4.1.2 and §4.1.3 (and RFC 6531 §3.3 for UTF-8), so that
 * properties run over everything the grammar allows, not over a few hand-picked examples.
 */
final class SmtpGenerators {

    private SmtpGenerators() {}

    static final String ALPHA_DIGIT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** {@code atext} of RFC 5322 §3.2.3. */
    static final String ATEXT = ALPHA_DIGIT + "!#$%&'*+-/=?^_`{|}~";
    static final String UTF8_SAMPLES = "éèçàüöäßøåæœñδοκιμήпример例子테스트🙂";

    static Gen<String> charsFrom(String alphabet, int min, int max) {
        int[] cps = alphabet.codePoints().toArray();
        return lists().of(Generate.range(0, cps.length - 1)).ofSizeBetween(min, max)
                .map(idx -> idx.stream().map(i -> Character.toString(cps[i])).collect(Collectors.joining()));
    }

    /** {@code Atom = 1*atext}, optionally with UTF8-non-ascii (RFC 6531). */
    static Gen<String> atom(boolean utf8) {
        return charsFrom(utf8 ? ATEXT + UTF8_SAMPLES : ATEXT, 1, 8);
    }

    /** {@code Dot-string = Atom *("." Atom)}. */
    static Gen<String> dotString(boolean utf8) {
        return lists().of(atom(utf8)).ofSizeBetween(1, 4).map(atoms -> String.join(".", atoms));
    }

    /** Values only a Quoted-string can carry: spaces, quotes, backslashes, dots in odd places. */
    static Gen<String> quotedValue() {
        return charsFrom(ALPHA_DIGIT + " .\"\\@<>,;:()[]", 0, 20);
    }

    /** A local-part value of at most 64 octets (§4.5.3.1.1). */
    static Gen<String> localPart(boolean utf8) {
        return Generate.oneOf(dotString(utf8), quotedValue())
                .assuming(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64);
    }

    /** {@code sub-domain = Let-dig [Ldh-str]}. */
    static Gen<String> subDomain() {
        return charsFrom(ALPHA_DIGIT, 1, 1).zip(charsFrom(ALPHA_DIGIT + "-", 0, 10), charsFrom(ALPHA_DIGIT, 0, 1),
                (first, middle, last) -> last.isEmpty() ? first + middle.replace("-", "") : first + middle + last);
    }

    /** {@code Domain = sub-domain *("." sub-domain)}. */
    static Gen<String> domain() {
        return lists().of(subDomain()).ofSizeBetween(1, 4).map(labels -> String.join(".", labels));
    }

    static Gen<String> ipv4() {
        return lists().of(integers().between(0, 255)).ofSize(4)
                .map(parts -> parts.stream().map(String::valueOf).collect(Collectors.joining(".")));
    }

    /** The four IPv6 forms of §4.1.3. */
    static Gen<String> ipv6() {
        Gen<String> hex = charsFrom("0123456789abcdefABCDEF", 1, 4);
        Gen<String> full = lists().of(hex).ofSize(8).map(g -> String.join(":", g));
        Gen<String> comp = lists().of(hex).ofSizeBetween(0, 6).zip(integers().between(0, 6),
                (g, split) -> String.join(":", g.subList(0, Math.min(split, g.size()))) + "::"
                        + String.join(":", g.subList(Math.min(split, g.size()), g.size())));
        Gen<String> v4full = lists().of(hex).ofSize(6).zip(ipv4(), (g, v4) -> String.join(":", g) + ":" + v4);
        Gen<String> v4comp = lists().of(hex).ofSizeBetween(0, 4).zip(integers().between(0, 4), ipv4(),
                (g, split, v4) -> {
                    String left = String.join(":", g.subList(0, Math.min(split, g.size())));
                    String right = String.join(":", g.subList(Math.min(split, g.size()), g.size()));
                    return left + "::" + (right.isEmpty() ? "" : right + ":") + v4;
                });
        return Generate.oneOf(full, comp, v4full, v4comp);
    }

    /** {@code address-literal} (§4.1.3): IPv4, IPv6 or General. */
    static Gen<String> addressLiteral() {
        Gen<String> general = subDomain().assuming(t -> !t.equalsIgnoreCase("IPv6"))
                .zip(charsFrom("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~", 1, 10),
                        (tag, content) -> tag + ":" + content);
        return Generate.oneOf(ipv4(), ipv6().map(a -> "IPv6:" + a), general).map(inside -> "[" + inside + "]");
    }

    static Gen<Mailbox> mailbox(boolean utf8) {
        return localPart(utf8).zip(Generate.frequency(Pair.of(5, domain()), Pair.of(1, addressLiteral())), Mailbox::new);
    }

    static Gen<ReversePath> reversePath() {
        return Generate.frequency(Pair.of(8, mailbox(false).map(m -> (ReversePath) m)), Pair.of(1, Generate.constant(ReversePath.NULL)));
    }

    static Gen<ForwardPath> forwardPath() {
        return Generate.frequency(Pair.of(8, mailbox(false).map(m -> (ForwardPath) m)), Pair.of(1, Generate.constant(ForwardPath.POSTMASTER)));
    }

    /** {@code esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}, upper-cased as the parser keeps them. */
    static Gen<String> esmtpKeyword() {
        return charsFrom(ALPHA_DIGIT, 1, 1).zip(charsFrom(ALPHA_DIGIT + "-", 0, 8), (a, b) -> (a + b).toUpperCase(java.util.Locale.ROOT));
    }

    /** {@code esmtp-value = 1*(%d33-60 / %d62-126)}. */
    static Gen<String> esmtpValue() {
        StringBuilder chars = new StringBuilder();
        for (char c = 33; c <= 126; c++) {
            if (c != '=') {
                chars.append(c);
            }
        }
        return charsFrom(chars.toString(), 1, 12);
    }

    static Gen<EsmtpParameters> parameters() {
        Gen<Pair<String, Optional<String>>> param = esmtpKeyword().zip(esmtpValue().toOptionals(30), Pair::of);
        return lists().of(param).ofSizeBetween(0, 4).map(list -> {
            Map<String, Optional<String>> map = new LinkedHashMap<>();
            list.forEach(p -> map.putIfAbsent(p._1, p._2));
            return new EsmtpParameters(map);
        });
    }

    /** Every command of §4.1.1 (plus BDAT, STARTTLS, AUTH), as a client may send it. */
    static Gen<Command> command() {
        Gen<Optional<String>> freeText = charsFrom(ALPHA_DIGIT + " .-", 1, 20).toOptionals(50);
        Gen<String> mech = charsFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 1, 20);
        Gen<String> base64 = charsFrom(ALPHA_DIGIT + "+/=", 1, 40);
        List<Gen<Command>> all = List.of(
                domain().map(d -> (Command) new Command.Helo(d)),
                Generate.oneOf(domain(), addressLiteral()).map(d -> (Command) new Command.Ehlo(d)),
                reversePath().zip(parameters(), (p, params) -> (Command) new Command.MailFrom(p, params)),
                forwardPath().zip(parameters(), (p, params) -> (Command) new Command.RcptTo(p, params)),
                Generate.constant(new Command.Data()),
                Generate.longRange(0, 1_000_000_000_000L).zip(Generate.booleans(), (n, last) -> (Command) new Command.Bdat(n, last)),
                Generate.constant(new Command.Rset()),
                charsFrom(ALPHA_DIGIT + "@.", 1, 20).map(a -> (Command) new Command.Vrfy(a)),
                charsFrom(ALPHA_DIGIT + "@.", 1, 20).map(a -> (Command) new Command.Expn(a)),
                freeText.map(t -> (Command) new Command.Help(t)),
                freeText.map(t -> (Command) new Command.Noop(t)),
                Generate.constant(new Command.Quit()),
                Generate.constant(new Command.StartTls()),
                mech.zip(base64.toOptionals(50), (m, r) -> (Command) new Command.Auth(m, r)));
        return Generate.pick(all).flatMap(g -> g);
    }

    /** Hostile text: any character, control characters and CR/LF included, weighted towards grammar pieces. */
    static Gen<String> hostileText() {
        Gen<String> anyChars = lists().of(Generate.frequency(
                        Pair.of(6, Generate.characters(32, 126)),
                        Pair.of(1, Generate.characters(0, 31)),
                        Pair.of(1, Generate.characters(127, 0x2FF)),
                        Pair.of(1, Generate.pick(List.of('<', '>', '@', '"', '\\', ':', '[', ']', '=', ' ')))))
                .ofSizeBetween(0, 80).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
        Gen<String> verb = Generate.pick(List.of("MAIL FROM:", "RCPT TO:", "EHLO ", "HELO ", "BDAT ", "AUTH ", "VRFY ",
                "mail from:<", "RCPT TO:<", "DATA", "QUIT ", "NOOP", ""));
        return verb.zip(anyChars, String::concat);
    }
}
