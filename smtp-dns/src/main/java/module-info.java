/** smtp-dns: a DNS resolver and zone server from RFC 1035. Exports only its API package. */
module io.github.smtplab.dns {
    exports io.github.smtplab.dns;
}
