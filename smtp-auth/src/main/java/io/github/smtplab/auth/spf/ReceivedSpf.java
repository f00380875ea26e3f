package io.github.smtplab.auth.spf;

import io.github.smtplab.auth.spf.internal.IpText;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.HeaderText;
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
        return toHeaderField().body().substring(1);
    }

    /** The whole field as smtp-mime's {@link HeaderField}, folded by smtp-mime (RFC 5322 §2.2.3), ending with CRLF. */
    public HeaderField toHeaderField() {
        return HeaderField.of(FIELD_NAME, unfolded());
    }

    /** The field body on one line. */
    private String unfolded() {
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
        return String.join(" ", words);
    }

    /** The whole field, {@code Received-SPF: ...} ending with CRLF, ready to prepend to a message (§9.1). */
    public String toField() {
        return FIELD_NAME + ": " + value() + "\r\n";
    }

    /**
     * Printable ASCII only ({@link HeaderText#printableAscii}: "§" becomes "section", anything else outside
     * ASCII becomes {@code ?}), at most {@link #MAX_VALUE_LENGTH} characters.
     */
    static String safe(String text) {
        String ascii = HeaderText.printableAscii(text);
        return ascii.length() <= MAX_VALUE_LENGTH ? ascii : ascii.substring(0, MAX_VALUE_LENGTH);
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
