/**
 * smtp-pop3: the reading side of mail. A POP3 engine without sockets, a Maildir view for it, a socket
 * server and a client. Exports only its API package.
 */
module io.github.smtplab.pop3 {
    requires transitive io.github.smtplab.core;
    requires transitive io.github.smtplab.auth;
    requires io.github.smtplab.tls;
    requires io.github.smtplab.mime;

    exports io.github.smtplab.pop3;
}
