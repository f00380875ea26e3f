import java.util.List;
import java.util.Random;

/**
 * Exercise 16: the hosts to try for a domain (RFC 5321 section 5.1, null MX of RFC 7505).
 */
final class MxChoice {

    /**
     * One MX record.
     *
     * @param preference lower is more preferred
     * @param host       the exchange, e.g. {@code mx1.exemple.com}; {@code "."} for the null MX
     */
    record Mx(int preference, String host) {}

    private MxChoice() {}

    /**
     * The hosts in the order to try them; empty when the domain receives no mail.
     *
     * @param domain           the domain of the recipient, e.g. {@code exemple.com}
     * @param records          its MX records as the DNS returned them (possibly none)
     * @param domainHasAddress whether the domain itself has an A or AAAA record
     * @param random           the source of randomness for hosts of equal preference
     */
    static List<String> hostsToTry(String domain, List<Mx> records, boolean domainHasAddress, Random random) {
        throw new UnsupportedOperationException("exercise 16: write hostsToTry()");
    }
}
