import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Exercise 20, reference solution: DMARC alignment (RFC 7489 sections 3.1 and 3.2).
 */
final class DmarcAlignment {

    private DmarcAlignment() {}

    static String organizationalDomain(String domain, Set<String> publicSuffixes) {
        String name = normalised(domain);
        String[] labels = name.split("\\.");
        int n = labels.length;
        int x = 1; // no listed suffix: the last label, as the public suffix list's default rule
        for (int k = n; k >= 1; k--) { // RFC 7489 3.2 step 3: the match with the largest number of labels
            if (publicSuffixes.contains(String.join(".", Arrays.copyOfRange(labels, n - k, n)))) {
                x = k;
                break;
            }
        }
        // RFC 7489 3.2 step 4: the suffix and one more label
        return x >= n ? name : String.join(".", Arrays.copyOfRange(labels, n - x - 1, n));
    }

    static boolean aligned(String fromDomain, String authenticatedDomain, boolean strict, Set<String> publicSuffixes) {
        if (strict) {
            return normalised(fromDomain).equals(normalised(authenticatedDomain)); // RFC 7489 3.1.1: exact FQDN match
        }
        return organizationalDomain(fromDomain, publicSuffixes).equals(organizationalDomain(authenticatedDomain, publicSuffixes));
    }

    /** RFC 1035 2.3.3: without regard to case; a final dot is the root, not a label. */
    private static String normalised(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
