/**
 * smtp-tls: STARTTLS (RFC 3207) and implicit TLS (RFC 8314) on JSSE, with PEM key material and
 * development certificates made with BouncyCastle. Exports only its API package.
 */
module io.github.smtplab.tls {
    requires transitive io.github.smtplab.core;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports io.github.smtplab.tls;
}
