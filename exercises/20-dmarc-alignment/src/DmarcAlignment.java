import java.util.Set;

/**
 * Exercise 20: DMARC identifier alignment (RFC 7489 section 3.1) and the Organizational Domain (section 3.2).
 */
final class DmarcAlignment {

    private DmarcAlignment() {}

    /** The Organizational Domain of a domain, in lower case without a final dot. */
    static String organizationalDomain(String domain, Set<String> publicSuffixes) {
        throw new UnsupportedOperationException("exercise 20: write organizationalDomain()");
    }

    /**
     * Whether the From: domain and an SPF- or DKIM-authenticated domain are aligned.
     *
     * @param strict true for strict mode (adkim=s / aspf=s), false for relaxed
     */
    static boolean aligned(String fromDomain, String authenticatedDomain, boolean strict, Set<String> publicSuffixes) {
        throw new UnsupportedOperationException("exercise 20: write aligned()");
    }
}
