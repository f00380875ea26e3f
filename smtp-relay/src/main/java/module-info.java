/**
 * smtp-relay: the outbound queue of an MTA (spool, MX delivery, retries, bounces). Exports only its API
 * package; it speaks SMTP through smtp-core's client, finds mail hosts through smtp-dns and writes bounces
 * with smtp-mime.
 */
module io.github.smtplab.relay {
    requires transitive io.github.smtplab.core;
    requires transitive io.github.smtplab.dns;
    requires io.github.smtplab.mime;

    exports io.github.smtplab.relay;
}
