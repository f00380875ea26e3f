/** smtp-mime: RFC 5322 messages and MIME. Exports only its API package. */
module io.github.smtplab.mime {
    exports io.github.smtplab.mime;
}
