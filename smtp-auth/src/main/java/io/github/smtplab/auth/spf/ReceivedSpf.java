package io.github.smtplab.auth.spf;

import io.github.smtplab.auth.spf.internal.IpText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Received-SPF trace field (RFC 7208 §9.1), built from an outcome and the values that were checked.
 * Everything that came from the peer (sender, HELO name, the problem text) is reduced to printable ASCII and
 * quoted, so the field cannot carry line breaks or forged keys (§9.1: "does not contain malicious data").
 *
 * <pre>
 * Received-SPF: pass (mx.example.org: domain of alice@example.com designates 192.0.2.1 as permitted sender)
 *  receiver=mx.example.org; client-ip=192.0.2.1; envelope-from="alice@example.com"; helo=mail.example.com;
 *  identity=mailfrom
 * </pre>
 *
 * @param outcome      what check_host() gave
 * @param identity     {@code "mailfrom"} or {@code "helo"} (§9.1 {@code identity})
 * @param clientIp     the SMTP client's address
 * @param envelopeFrom the MAIL FROM address as given (empty for {@code <>})
 * @param helo         the HELO/EHLO name
 * @param receiver     this host's name
 */
public record ReceivedSpf(SpfOutcome outcome, String identity, InetAddress clientIp, String envelopeFrom, String helo,
                          String receiver) {

    /** The field name (§9.1). */
    public static final String FIELD_NAME = "Received-SPF";
    /** Lines of the field are folded before this many characters (RFC 5322 §2.1.1 SHOULD limit of 78). */
    public static final int MAX_LINE = 78;
    /** Longest value copied from the peer; longer ones are cut (§9.1: "not excessively long"). */
    public static final int MAX_VALUE_LENGTH = 256;

    /** Checks nothing is null. */
    public ReceivedSpf {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(receiver, "receiver");
    }

    /** The sender the comment speaks of: the envelope sender, or {@code postmaster@<helo>} (§2.3, §2.4). */
    private String sender() {
        return envelopeFrom.isEmpty() || identity.equals("helo") ? SpfChecker.POSTMASTER + "@" + helo : envelopeFrom;
    }

    /** The comment after the result, in the words of the RFC 7208 §9.1 examples. */
    public String comment() {
        String s = sender();
        String ip = IpText.readable(clientIp);
        String text = switch (outcome.result()) {
            case PASS -> "domain of " + s + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + s + " does not designate " + ip + " as permitted sender";
            case SOFTFAIL -> "domain of transitioning " + s + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + s;
            case NONE -> "domain of " + s + " does not designate permitted sender hosts";
            case TEMPERROR -> "error in processing during lookup of " + s;
            case PERMERROR -> "permanent error in processing during lookup of " + s;
        };
        return safe(receiver) + ": " + safe(text);
    }

    /** The field without its name and without the final CRLF, folded, e.g. {@code pass (...) receiver=...}. */
    public String value() {
        List<String> words = new ArrayList<>();
        words.add(outcome.result().keyword());
        for (String w : ("(" + comment().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")").split(" ")) {
            words.add(w);
        }
        List<String> pairs = new ArrayList<>();
        pairs.add("receiver=" + atomOrQuoted(receiver));
        pairs.add("client-ip=" + IpText.readable(clientIp));
        if (identity.equals("mailfrom")) {
            pairs.add("envelope-from=" + quoted(envelopeFrom));
        }
        pairs.add("helo=" + atomOrQuoted(helo));
        pairs.add("identity=" + atomOrQuoted(identity));
        if (!outcome.mechanism().equals("default")) {
            pairs.add("mechanism=" + atomOrQuoted(outcome.mechanism()));
        }
        if (outcome.result() == SpfResult.TEMPERROR || outcome.result() == SpfResult.PERMERROR) {
            pairs.add("problem=" + quoted(outcome.detail()));
        }
        for (int i = 0; i < pairs.size(); i++) {
            words.add(pairs.get(i) + (i < pairs.size() - 1 ? ";" : ""));
        }
        return fold(words, FIELD_NAME.length() + 2);
    }

    /** The whole field, {@code Received-SPF: ...} ending with CRLF, ready to prepend to a message (§9.1). */
    public String toField() {
        return FIELD_NAME + ": " + value() + "\r\n";
    }

    /** Joins words with spaces, breaking lines before {@link #MAX_LINE} with CRLF and one space (RFC 5322 §3.2.2 FWS). */
    private static String fold(List<String> words, int firstLineUsed) {
        StringBuilder out = new StringBuilder();
        int column = firstLineUsed;
        for (String word : words) {
            if (!out.isEmpty()) {
                if (column + 1 + word.length() > MAX_LINE) {
                    out.append("\r\n ");
                    column = 1;
                } else {
                    out.append(' ');
                    column++;
                }
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    /** Printable ASCII only, at most {@link #MAX_VALUE_LENGTH} characters: anything else becomes {@code ?}. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_VALUE_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    /** A dot-atom when the text is one (RFC 5322 §3.2.3), else a quoted-string. */
    private static String atomOrQuoted(String text) {
        String s = safe(text);
        boolean atom = !s.isEmpty() && !s.startsWith(".") && !s.endsWith(".") && !s.contains("..")
                && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0);
        return atom ? s : quoted(s);
    }

    /** A quoted-string with {@code "} and {@code \} escaped (RFC 5322 §3.2.4); spaces are kept inside. */
    private static String quoted(String text) {
        return "\"" + safe(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
