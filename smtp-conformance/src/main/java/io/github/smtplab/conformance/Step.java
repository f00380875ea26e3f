package io.github.smtplab.conformance;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a probe: something the client does or checks. Each step has a line form
 * {@code keyword: argument} (see {@link ProbeFile}); {@code send} and {@code expect} may repeat,
 * written {@code send*100: ...}.
 */
public sealed interface Step {

    /** The keyword before the colon, with its {@code *N} repetition when there is one. */
    String keyword();

    /** The text after {@code ": "}, or the empty string. */
    String argument();

    /** The step as one line of a probe file. */
    default String line() {
        return argument().isEmpty() ? keyword() + ":" : keyword() + ": " + argument();
    }

    /** {@code hello:} — read the greeting (220) and say EHLO (250): the usual start of a plain session. */
    record Hello() implements Step {
        public String keyword() { return "hello"; }
        public String argument() { return ""; }
    }

    /** {@code secure-hello:} — hello, then STARTTLS and EHLO again when the run uses {@code --tls starttls}. */
    record SecureHello() implements Step {
        public String keyword() { return "secure-hello"; }
        public String argument() { return ""; }
    }

    /**
     * {@code session:} — hello, then STARTTLS and EHLO again when the run uses {@code --tls starttls}, then
     * AUTH when credentials were given: a session ready for a mail transaction on any profile.
     */
    record Session() implements Step {
        public String keyword() { return "session"; }
        public String argument() { return ""; }
    }

    /**
     * {@code send: TEXT} — sends TEXT and CRLF. {@code ${...}} variables are replaced and the escapes
     * {@code \r \n \t \\ \xHH} give control characters and raw bytes. Several sends in a row leave in one
     * write, as a pipelining client does.
     */
    record Send(String text, int times) implements Step {
        public Send {
            requirePositive(times);
        }
        public String keyword() { return times == 1 ? "send" : "send*" + times; }
        public String argument() { return text; }
    }

    /**
     * {@code bdat: TEXT} or {@code bdat-last: TEXT} — a BDAT chunk (RFC 3030): the command with the octet count
     * of TEXT (after variables and escapes), then those octets, with no dot-stuffing and no CRLF added.
     */
    record Bdat(String text, boolean last) implements Step {
        public String keyword() { return last ? "bdat-last" : "bdat"; }
        public String argument() { return text; }
    }

    /** {@code send-raw: TEXT} — like send, without the CRLF at the end: the bytes exactly as written. */
    record SendRaw(String text) implements Step {
        public String keyword() { return "send-raw"; }
        public String argument() { return text; }
    }

    /**
     * {@code expect: 250 251} — reads one reply; its code must match one of the alternatives: a code, a
     * pattern with {@code x} for any digit ({@code 5xx}), or {@code close} (the server may end the
     * connection there, which ends the probe as passed).
     */
    record Expect(List<String> accepted, int times) implements Step {
        private static final Pattern ALTERNATIVE = Pattern.compile("[2-5x][0-9x][0-9x]|close");

        public Expect {
            accepted = List.copyOf(accepted);
            requirePositive(times);
            if (accepted.isEmpty()) {
                throw new IllegalArgumentException("expect needs at least one code");
            }
            for (String a : accepted) {
                if (!ALTERNATIVE.matcher(a).matches()) {
                    throw new IllegalArgumentException("not a reply code pattern: " + a);
                }
            }
        }
        public String keyword() { return times == 1 ? "expect" : "expect*" + times; }
        public String argument() { return String.join(" ", accepted); }

        /** Whether a reply with this code is one of the alternatives. */
        public boolean accepts(int code) {
            String digits = Integer.toString(code);
            for (String a : accepted) {
                if (a.length() == 3 && matches(a, digits)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the server may close the connection here. */
        public boolean acceptsClose() {
            return accepted.contains("close");
        }

        private static boolean matches(String pattern, String digits) {
            for (int i = 0; i < 3; i++) {
                if (pattern.charAt(i) != 'x' && pattern.charAt(i) != digits.charAt(i)) {
                    return false;
                }
            }
            return !pattern.equals("close");
        }
    }

    /** {@code reply-matches: REGEX} — the text of the last reply (lines joined by LF, codes removed) matches REGEX whole. */
    record ReplyMatches(String regex) implements Step {
        public ReplyMatches {
            Pattern.compile(regex);   // a probe file with a broken pattern is refused when read
        }
        public String keyword() { return "reply-matches"; }
        public String argument() { return regex; }
    }

    /** {@code starttls:} — sends STARTTLS, expects 220, then does the TLS handshake (RFC 3207). */
    record StartTls() implements Step {
        public String keyword() { return "starttls"; }
        public String argument() { return ""; }
    }

    /** {@code tls-handshake:} — the TLS handshake alone, after a 220 the probe read itself. */
    record TlsHandshake() implements Step {
        public String keyword() { return "tls-handshake"; }
        public String argument() { return ""; }
    }

    /** {@code wait: SECONDS} — stays silent (only in probes marked {@code slow}). */
    record Wait(int seconds) implements Step {
        public Wait {
            if (seconds < 0) {
                throw new IllegalArgumentException("negative wait");
            }
        }
        public String keyword() { return "wait"; }
        public String argument() { return Integer.toString(seconds); }
    }

    /** {@code delivered: TEXT} — with --maildir, a delivered message contains TEXT (checked after the session). */
    record Delivered(String text) implements Step {
        public String keyword() { return "delivered"; }
        public String argument() { return text; }
    }

    /**
     * {@code not-delivered: TEXT} — with --maildir, no delivered message contains TEXT;
     * {@code not-delivered-apart: TEXT | CARRIER} — no delivered message contains TEXT without CARRIER beside
     * it (a smuggled message may sit inside the carrier message as text, never on its own).
     */
    record NotDelivered(String text, String carrier) implements Step {
        public NotDelivered {
            if (text.contains(" | ") || carrier.contains(" | ")) {
                throw new IllegalArgumentException("not-delivered texts cannot hold \" | \"");
            }
        }
        public String keyword() { return carrier.isEmpty() ? "not-delivered" : "not-delivered-apart"; }
        public String argument() { return carrier.isEmpty() ? text : text + " | " + carrier; }
    }

    /** {@code close:} — the client drops the connection without QUIT. */
    record Close() implements Step {
        public String keyword() { return "close"; }
        public String argument() { return ""; }
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("a repetition count is at least 1");
        }
    }
}
