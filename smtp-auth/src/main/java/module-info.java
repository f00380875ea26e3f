/**
 * smtp-auth: who is speaking. SASL mechanisms for users, DKIM, SPF and DMARC for domains, and the
 * Authentication-Results field that reports them. Each package is one concern; internals are not exported.
 */
module io.github.smtplab.auth {
    requires transitive io.github.smtplab.core;
    requires io.github.smtplab.mime;
    requires transitive io.github.smtplab.dns;
    requires org.bouncycastle.provider; // DKIM: PEM keys (PKCS#1)
    requires org.bouncycastle.pkix;

    // Each package is exported once it holds its first class (an empty package cannot be exported):
    exports io.github.smtplab.auth.sasl;
    exports io.github.smtplab.auth.dkim;
    exports io.github.smtplab.auth.spf;
    exports io.github.smtplab.auth.dmarc;
    exports io.github.smtplab.auth.results;
    exports io.github.smtplab.auth.inbound;
    // POP3's AUTH (RFC 5034) runs the same server mechanisms and failure counter, framed its own way
    exports io.github.smtplab.auth.sasl.internal to io.github.smtplab.pop3;
}
