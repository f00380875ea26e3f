package io.github.smtplab.dns;

/** The response codes of the 4-bit RCODE header field (RFC 1035 §4.1.1). */
public final class Rcode {

    /** No error condition. */
    public static final int NOERROR = 0;
    /** The name server was unable to interpret the query. */
    public static final int FORMERR = 1;
    /** The name server was unable to process the query because of a problem with the name server. */
    public static final int SERVFAIL = 2;
    /** The domain name in the query does not exist (meaningful from an authoritative server). */
    public static final int NXDOMAIN = 3;
    /** The name server does not support the requested kind of query. */
    public static final int NOTIMP = 4;
    /** The name server refuses to perform the operation, e.g. for a zone it does not serve. */
    public static final int REFUSED = 5;
    /**
     * Extended RCODE 16 (RFC 6891 §6.1.3, §9): the responder does not implement the EDNS VERSION of the
     * query. It does not fit the 4-bit header field: the header carries its low 4 bits (0) and the OPT
     * record's TTL its high 8 bits (1), see {@link ResourceRecord#opt(int, int)}.
     */
    public static final int BADVERS = 16;

    private Rcode() {}

    /** The mnemonic, e.g. {@code "NXDOMAIN"}, or {@code "RCODE7"} for a code without one here. */
    public static String name(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case FORMERR -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case NOTIMP -> "NOTIMP";
            case REFUSED -> "REFUSED";
            case BADVERS -> "BADVERS";
            default -> "RCODE" + rcode;
        };
    }
}
