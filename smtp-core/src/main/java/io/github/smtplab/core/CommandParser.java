package io.github.smtplab.core;

import io.github.smtplab.core.internal.GrammarException;
import io.github.smtplab.core.internal.PathGrammar;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one command line (without its CRLF) into a {@link Command}: RFC 5321 §4.1.1 for the verbs,
 * §4.1.2 for the argument grammar, RFC 3030 §2 for BDAT, RFC 3207 §4 for STARTTLS, RFC 4954 §4 for AUTH.
 *
 * <p>It never throws on what a peer sends. Verbs are case-insensitive (§2.4). A known verb with bad
 * arguments becomes {@link Command.Malformed} with the reply that names the broken rule:
 * <ul>
 *   <li>{@code 501 5.1.7} / {@code 501 5.1.3}: the sender / recipient address breaks §4.1.2
 *       (RFC 3463 §3.2: "bad sender's / destination mailbox address syntax");</li>
 *   <li>{@code 501 5.5.4}: other arguments break their rule (RFC 3463 §3.6 "invalid command
 *       arguments");</li>
 *   <li>{@code 500 5.5.2}: the line is not UTF-8, or empty.</li>
 * </ul>
 * Whether a syntactically valid parameter is supported (555) is the session's decision: it depends on
 * the extensions offered.
 */
public final class CommandParser {

    private final ParsePolicy policy;

    public CommandParser(ParsePolicy policy) {
        this.policy = policy;
    }

    /** A parser with {@link ParsePolicy#STRICT}. */
    public CommandParser() {
        this(ParsePolicy.STRICT);
    }

    /**
     * Parses the bytes of a line. Commands are ASCII, but RFC 6531 §3.3 allows UTF-8 in addresses and
     * parameters, so the line is decoded as strict UTF-8; malformed UTF-8 is a syntax error.
     */
    public Command parse(byte[] line) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
            return parse(text);
        } catch (CharacterCodingException e) {
            String shown = new String(line, StandardCharsets.ISO_8859_1);
            return new Command.Malformed("", shown, Reply.of(500, "5.5.2", "Syntax error: command line is not valid UTF-8"));
        }
    }

    /** Parses a line of text (no CRLF). */
    public Command parse(String line) {
        String text = policy.trailingWhitespace() ? line.stripTrailing() : line;
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1);
        boolean hasArgs = space >= 0;
        try {
            return switch (verb) {
                case "HELO" -> new Command.Helo(heloDomain(verb, args, hasArgs, false));
                case "EHLO" -> new Command.Ehlo(heloDomain(verb, args, hasArgs, true));
                case "MAIL" -> mailFrom(text);
                case "RCPT" -> rcptTo(text);
                case "DATA" -> noArguments(new Command.Data(), hasArgs);
                case "RSET" -> noArguments(new Command.Rset(), hasArgs);
                case "QUIT" -> noArguments(new Command.Quit(), hasArgs);
                case "STARTTLS" -> noArguments(new Command.StartTls(), hasArgs);
                case "NOOP" -> new Command.Noop(optionalArgument(args, hasArgs));
                case "HELP" -> new Command.Help(optionalArgument(args, hasArgs));
                case "VRFY" -> new Command.Vrfy(requiredArgument(verb, args));
                case "EXPN" -> new Command.Expn(requiredArgument(verb, args));
                case "BDAT" -> bdat(args);
                case "AUTH" -> auth(args);
                default -> new Command.Unknown(verb, line);
            };
        } catch (GrammarException e) {
            return new Command.Malformed(verb, line, syntaxReply(verb, e));
        }
    }

    private static Reply syntaxReply(String verb, GrammarException e) {
        String why = Reply.printable(e.getMessage());   // it may quote the client's (UTF-8) text
        String where = " (rule " + e.rule() + ", column " + e.column() + ", RFC 5321 section 4.1.2)";
        return switch (verb) {
            case "MAIL" -> Reply.of(501, "5.1.7", "Bad sender address syntax: " + why + where);
            case "RCPT" -> Reply.of(501, "5.1.3", "Bad recipient address syntax: " + why + where);
            default -> Reply.of(501, "5.5.4", "Syntax error in arguments: " + why + where);
        };
    }

    /** §4.1.1.1: {@code "HELO" SP Domain}, {@code "EHLO" SP ( Domain / address-literal )}. */
    private String heloDomain(String verb, String args, boolean hasArgs, boolean literalAllowed) {
        if (!hasArgs || args.isEmpty()) {
            throw new GrammarException("Domain", 1, verb + " needs a domain name");
        }
        PathGrammar g = new PathGrammar(args);
        // HELO with an address literal is outside §4.1.1.1 but harmless and common; the lenient policy takes it.
        if (args.charAt(0) == '[' && (literalAllowed || policy.missingAngleBrackets())) {
            g.addressLiteral();
        } else {
            g.domain();
        }
        g.expectEnd("Domain");
        return args;
    }

    /** §4.1.1.2: {@code "MAIL FROM:" Reverse-path [SP Mail-parameters]}. */
    private Command mailFrom(String line) {
        PathGrammar g = afterKeyword(line, "MAIL FROM:");
        ReversePath path = g.reversePath(policy.missingAngleBrackets());
        EsmtpParameters parameters = g.parameters();
        return new Command.MailFrom(path, parameters);
    }

    /** §4.1.1.3: {@code "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters]}. */
    private Command rcptTo(String line) {
        PathGrammar g = afterKeyword(line, "RCPT TO:");
        ForwardPath path = g.forwardPath(policy.missingAngleBrackets());
        EsmtpParameters parameters = g.parameters();
        return new Command.RcptTo(path, parameters);
    }

    /** Checks {@code "MAIL FROM:"} (case-insensitive) and returns a cursor on what follows the colon. */
    private PathGrammar afterKeyword(String line, String keyword) {
        if (!line.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new GrammarException(keyword.trim(), 6, "expected \"" + keyword + "\"");
        }
        int start = keyword.length();
        if (policy.spaceAfterColon()) {
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
        }
        return new PathGrammar(line.substring(start));
    }

    private static Command noArguments(Command command, boolean hasArgs) {
        if (hasArgs) {
            throw new GrammarException(command.format(), command.format().length() + 1, command.format() + " takes no arguments");
        }
        return command;
    }

    private static Optional<String> optionalArgument(String args, boolean hasArgs) {
        return hasArgs ? Optional.of(args) : Optional.empty();
    }

    private static String requiredArgument(String verb, String args) {
        if (args.isBlank()) {
            throw new GrammarException("String", 1, verb + " needs an argument");
        }
        return args;
    }

    /** RFC 3030 §2: {@code bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ]}, {@code chunk-size = 1*DIGIT}. */
    private static Command bdat(String args) {
        String[] parts = args.split(" ", -1);
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 18
                || !parts[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new GrammarException("chunk-size", 1, "BDAT needs a chunk size of 1 to 18 digits");
        }
        if (parts.length == 2 && !parts[1].equalsIgnoreCase("LAST")) {
            throw new GrammarException("end-marker", parts[0].length() + 2, "the end marker is LAST");
        }
        return new Command.Bdat(Long.parseLong(parts[0]), parts.length == 2);
    }

    /**
     * RFC 4954 §4: {@code "AUTH" SP sasl-mech [SP initial-response]}, {@code sasl-mech = 1*20mech-char}
     * (RFC 4422 §3.1: upper-case letters, digits, "-" and "_"; compared case-insensitively here).
     */
    private static Command auth(String args) {
        String[] parts = args.split(" ", -1);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (parts.length > 2 || mechanism.isEmpty() || mechanism.length() > 20
                || !mechanism.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new GrammarException("sasl-mech", 1, "AUTH needs a mechanism name of 1 to 20 of A-Z 0-9 - _");
        }
        if (parts.length == 2 && parts[1].isEmpty()) {
            throw new GrammarException("initial-response", mechanism.length() + 2, "empty initial response (send \"=\")");
        }
        return new Command.Auth(mechanism, parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
    }
}
