package io.github.smtplab.mime;

/**
 * Bounds that keep the parser's time and memory proportional to its input, whatever a hostile peer sends.
 * None is set by the RFCs; the defaults are far above what real mail needs.
 *
 * @param maxDepth how deep multiparts and encapsulated messages may nest; deeper bodies stay undecoded leaves
 * @param maxParts how many entities a message may have in total; further parts are dropped
 * @param maxHeaderBytes how many octets one entity's header may take; the rest of that header is skipped
 * @param maxHeaderFields how many fields one entity's header may have; further fields are dropped
 */
public record ParseLimits(int maxDepth, int maxParts, int maxHeaderBytes, int maxHeaderFields) {

    /** Default nesting depth (RFC 2046 sets no limit; 50 is far deeper than any sane message). */
    public static final int DEFAULT_MAX_DEPTH = 50;

    /** Default number of entities per message. */
    public static final int DEFAULT_MAX_PARTS = 10_000;

    /** Default header size per entity: 1 MiB (RFC 5322 §2.1.1 bounds lines, not headers). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 1 << 20;

    /** Default number of fields per header. */
    public static final int DEFAULT_MAX_HEADER_FIELDS = 10_000;

    /** The defaults above. */
    public static final ParseLimits DEFAULTS =
            new ParseLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_PARTS, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_FIELDS);

    /** Checks that every limit is positive. */
    public ParseLimits {
        if (maxDepth < 1 || maxParts < 1 || maxHeaderBytes < 1 || maxHeaderFields < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }
}
