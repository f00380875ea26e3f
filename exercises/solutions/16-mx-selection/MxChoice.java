import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Exercise 16, reference solution: MX selection (RFC 5321 section 5.1, RFC 7505).
 */
final class MxChoice {

    record Mx(int preference, String host) {}

    private MxChoice() {}

    static List<String> hostsToTry(String domain, List<Mx> records, boolean domainHasAddress, Random random) {
        if (records.isEmpty()) {
            // RFC 5321 5.1: the implicit MX, only when there is no MX record at all
            return domainHasAddress ? List.of(domain) : List.of();
        }
        if (records.size() == 1 && isNullMx(records.get(0))) {
            return List.of(); // RFC 7505 3: this domain accepts no mail
        }
        List<Mx> order = new ArrayList<>(records);
        Collections.shuffle(order, random); // RFC 5321 5.1: equal preferences MUST be randomized...
        order.sort(Comparator.comparingInt(Mx::preference)); // ...a stable sort keeps that order within a preference
        return order.stream().map(Mx::host).toList();
    }

    private static boolean isNullMx(Mx mx) {
        return mx.preference() == 0 && (mx.host().equals(".") || mx.host().isEmpty());
    }
}
