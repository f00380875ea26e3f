package io.github.smtplab.pop3;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns one command line (without its CRLF) into a {@link Pop3Command}. A pure function: no state, no
 * I/O, and it never throws on what a peer sends.
 *
 * <p>The grammar (RFC 1939 §3, RFC 2449 §3): a keyword of 3 or 4 printable characters, case-insensitive,
 * then zero or more arguments, each up to 40 characters, separated by one space. Message numbers are
 * decimal, from 1; TOP's line count may be 0. The whole line is at most 255 octets with its CRLF
 * (RFC 2449 §4) — the line reader enforces that before the parser sees it.
 */
public final class Pop3CommandParser {

    /** RFC 1939 §3: an argument may be up to 40 characters long. */
    public static final int MAX_ARGUMENT = 40;

    /** Larger than any mailbox we could list; keeps numbers in an int. */
    private static final int MAX_DIGITS = 9;

    private Pop3CommandParser() {}

    /**
     * Parses one line.
     *
     * @param line the octets of the line, without CRLF
     * @return the command; {@link Pop3Command.Unknown} or {@link Pop3Command.Invalid} when it is not one
     */
    public static Pop3Command parse(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);   // one char per octet, nothing lost
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1);
        if (!isPrintableAscii(keyword) || keyword.length() < 3 || keyword.length() > 4) {
            return new Pop3Command.Unknown(printable(keyword));
        }
        if (keyword.equals("PASS")) {
            // RFC 1939 §7: the rest of the line is the password, spaces and all
            return space < 0 || rest.isEmpty() ? invalid(keyword, "PASS needs a password") : new Pop3Command.Pass(rest);
        }
        if (!isPrintableAscii(rest.replace(" ", ""))) {
            return invalid(keyword, "arguments are printable US-ASCII (RFC 1939 section 3)");
        }
        String[] args = rest.isEmpty() ? new String[0] : rest.split(" ", -1);
        for (String arg : args) {
            if (arg.isEmpty()) {
                return invalid(keyword, "arguments are separated by a single space (RFC 1939 section 3)");
            }
            if (arg.length() > MAX_ARGUMENT && !keyword.equals("AUTH")) {
                return invalid(keyword, "an argument is at most 40 characters (RFC 1939 section 3)");
            }
        }
        return switch (keyword) {
            case "CAPA" -> none(keyword, args, new Pop3Command.Capa());
            case "STLS" -> none(keyword, args, new Pop3Command.Stls());
            case "STAT" -> none(keyword, args, new Pop3Command.Stat());
            case "NOOP" -> none(keyword, args, new Pop3Command.Noop());
            case "RSET" -> none(keyword, args, new Pop3Command.Rset());
            case "QUIT" -> none(keyword, args, new Pop3Command.Quit());
            case "USER" -> args.length == 1 ? new Pop3Command.User(args[0]) : invalid(keyword, "USER takes one name");
            case "APOP" -> apop(args);
            case "AUTH" -> auth(args);
            case "LIST" -> optionalMessage(keyword, args, m -> new Pop3Command.List(m));
            case "UIDL" -> optionalMessage(keyword, args, m -> new Pop3Command.Uidl(m));
            case "RETR" -> oneMessage(keyword, args, Pop3Command.Retr::new);
            case "DELE" -> oneMessage(keyword, args, Pop3Command.Dele::new);
            case "TOP" -> top(args);
            default -> new Pop3Command.Unknown(keyword);
        };
    }

    private static Pop3Command none(String keyword, String[] args, Pop3Command command) {
        return args.length == 0 ? command : invalid(keyword, keyword + " takes no argument");
    }

    private static Pop3Command apop(String[] args) {
        if (args.length != 2 || !args[1].matches("[0-9a-fA-F]{32}")) {
            return invalid("APOP", "APOP name digest, the digest in 32 hexadecimal digits (RFC 1939 section 7)");
        }
        return new Pop3Command.Apop(args[0], args[1].toLowerCase(Locale.ROOT));
    }

    private static Pop3Command auth(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].length() > 20 || !args[0].matches("[A-Za-z0-9_-]+")) {
            return invalid("AUTH", "AUTH mechanism [initial-response] (RFC 5034 section 4)");
        }
        return new Pop3Command.Auth(args[0].toUpperCase(Locale.ROOT), args.length == 2 ? Optional.of(args[1]) : Optional.empty());
    }

    private static Pop3Command top(String[] args) {
        if (args.length != 2) {
            return invalid("TOP", "TOP msg n (RFC 1939 section 7)");
        }
        OptionalInt message = number(args[0], 1);
        OptionalInt lines = number(args[1], 0);
        if (message.isEmpty() || lines.isEmpty()) {
            return invalid("TOP", "TOP takes a message number and a non-negative line count");
        }
        return new Pop3Command.Top(message.getAsInt(), lines.getAsInt());
    }

    private static Pop3Command optionalMessage(String keyword, String[] args, java.util.function.Function<OptionalInt, Pop3Command> make) {
        if (args.length == 0) {
            return make.apply(OptionalInt.empty());
        }
        OptionalInt message = args.length == 1 ? number(args[0], 1) : OptionalInt.empty();
        return message.isPresent() ? make.apply(message) : invalid(keyword, keyword + " takes at most one message number");
    }

    private static Pop3Command oneMessage(String keyword, String[] args, java.util.function.IntFunction<Pop3Command> make) {
        OptionalInt message = args.length == 1 ? number(args[0], 1) : OptionalInt.empty();
        return message.isPresent() ? make.apply(message.getAsInt()) : invalid(keyword, keyword + " takes one message number");
    }

    /** A decimal number of at most 9 digits, at least {@code min}; empty otherwise. */
    private static OptionalInt number(String text, int min) {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(text);
        return n >= min ? OptionalInt.of(n) : OptionalInt.empty();
    }

    private static Pop3Command invalid(String keyword, String reason) {
        return new Pop3Command.Invalid(keyword, reason);
    }

    private static boolean isPrintableAscii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    /** The keyword as it may be echoed in a log: non-printable octets as '?', at most 10 characters. */
    private static String printable(String keyword) {
        StringBuilder out = new StringBuilder();
        keyword.chars().limit(10).forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }
}
