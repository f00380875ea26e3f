package io.github.smtplab.tls.internal;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * How a peer's certificate is named in transcripts and {@code TlsInfo.peer}: {@code CN=<common name>}
 * (RFC 5280 §4.1.2.6, the subject's commonName), or the whole subject (RFC 4514 form) when it has no
 * common name. The text comes from the peer, so it is made safe for a log line: control characters are
 * replaced and the length is bounded.
 */
public final class PeerNames {

    /** An X.520 commonName has at most 64 characters (RFC 5280 Appendix A, ub-common-name); a whole subject gets more room. */
    public static final int MAX_DESCRIPTION = 256;

    private PeerNames() {}

    /** {@code CN=...} or the subject, printable and at most {@value #MAX_DESCRIPTION} characters. */
    public static String describe(X509Certificate certificate) {
        String text;
        try {
            X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            RDN[] commonNames = subject.getRDNs(BCStyle.CN);
            text = commonNames.length > 0
                    ? "CN=" + IETFUtils.valueToString(commonNames[0].getFirst().getValue())
                    : certificate.getSubjectX500Principal().getName();
        } catch (RuntimeException malformed) {
            text = certificate.getSubjectX500Principal().getName();
        }
        return printable(text);
    }

    /** Control characters (C0, DEL, C1) become {@code ?}; the text is cut at {@value #MAX_DESCRIPTION} characters. */
    public static String printable(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION));
        for (int i = 0; i < text.length() && safe.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            safe.append(c < 0x20 || c >= 0x7f && c < 0xa0 || Character.isSurrogate(c) ? '?' : c);
        }
        return safe.toString();
    }
}
