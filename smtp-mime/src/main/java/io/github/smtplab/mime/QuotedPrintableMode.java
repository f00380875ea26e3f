package io.github.smtplab.mime;

/** What the octets given to {@link QuotedPrintableCodec} are: decides RFC 2045 §6.7 rule 4 (line breaks). */
public enum QuotedPrintableMode {
    /** Text in canonical form: CRLF is a line break and stays one (rule 4); a lone CR or LF is encoded. */
    TEXT,
    /** Arbitrary octets: CR and LF are data and are always encoded ({@code =0D}, {@code =0A}). */
    BINARY
}
