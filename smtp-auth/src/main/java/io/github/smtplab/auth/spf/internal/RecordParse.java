package io.github.smtplab.auth.spf.internal;

/** The outcome of parsing one SPF record: a record, or the syntax error that makes it a permerror (RFC 7208 §4.6). */
public sealed interface RecordParse {

    /** A valid record. */
    record Parsed(SpfRecord record) implements RecordParse {}

    /** A syntax error; check_host() returns permerror (§4.6). */
    record Invalid(String reason) implements RecordParse {}
}
