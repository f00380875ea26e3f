package io.github.smtplab.dns;

/** What {@link MasterFileParser} gives: a zone, or the first error with its line. */
public sealed interface ZoneParseResult {

    /**
     * The file is a valid zone.
     *
     * @param zone the zone
     */
    record Parsed(Zone zone) implements ZoneParseResult {}

    /**
     * The file breaks a rule of RFC 1035 §5.
     *
     * @param line    1-based line number of the error
     * @param message what is wrong
     */
    record Failed(int line, String message) implements ZoneParseResult {}
}
