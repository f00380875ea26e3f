import java.util.List;
import java.util.Locale;

/**
 * Exercise 18, reference solution: a small SPF check_host() (RFC 7208 sections 4, 5 and 6.1).
 */
final class SpfCheckHost {

    enum Result { NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR }

    interface Dns {
        List<String> txt(String name);

        boolean hasA(String name);
    }

    /** RFC 7208 4.6.4: the limits hold for the whole evaluation, across include and redirect. */
    private static final class Budget {
        int lookups;
        int voids;
    }

    private static final int MAX_LOOKUPS = 10;
    private static final int MAX_VOIDS = 2;

    private SpfCheckHost() {}

    static Result checkHost(String ip, String domain, Dns dns) {
        return evaluate(ip, domain, dns, new Budget());
    }

    private static Result evaluate(String ip, String domain, Dns dns, Budget budget) {
        List<String> records = dns.txt(domain).stream()
                .filter(t -> t.toLowerCase(Locale.ROOT).equals("v=spf1") || t.toLowerCase(Locale.ROOT).startsWith("v=spf1 ")).toList();
        if (records.isEmpty()) {
            return Result.NONE; // RFC 7208 4.5
        }
        if (records.size() > 1) {
            return Result.PERMERROR; // RFC 7208 4.5: more than one record
        }
        String redirect = null;
        for (String term : records.get(0).trim().split(" +")) {
            String lower = term.toLowerCase(Locale.ROOT);
            if (lower.equals("v=spf1")) {
                continue;
            }
            if (lower.startsWith("redirect=")) {
                redirect = term.substring("redirect=".length());
                continue;
            }
            Result qualifier = switch (term.charAt(0)) {
                case '-' -> Result.FAIL;
                case '~' -> Result.SOFTFAIL;
                case '?' -> Result.NEUTRAL;
                default -> Result.PASS;
            };
            String mechanism = "+-~?".indexOf(term.charAt(0)) >= 0 ? lower.substring(1) : lower;
            String argument = mechanism.contains(":") ? term.substring(term.indexOf(':') + 1) : "";
            String name = mechanism.contains(":") ? mechanism.substring(0, mechanism.indexOf(':')) : mechanism;
            switch (name) {
                case "all" -> {
                    return qualifier;
                }
                case "ip4" -> {
                    if (inNetwork(ip, argument)) {
                        return qualifier;
                    }
                }
                case "exists" -> {
                    if (++budget.lookups > MAX_LOOKUPS) {
                        return Result.PERMERROR; // RFC 7208 4.6.4
                    }
                    if (dns.hasA(argument)) {
                        return qualifier;
                    }
                    if (++budget.voids > MAX_VOIDS) {
                        return Result.PERMERROR; // RFC 7208 4.6.4: void lookups
                    }
                }
                case "include" -> {
                    if (++budget.lookups > MAX_LOOKUPS) {
                        return Result.PERMERROR;
                    }
                    if (dns.txt(argument).isEmpty() && ++budget.voids > MAX_VOIDS) {
                        return Result.PERMERROR;
                    }
                    switch (evaluate(ip, argument, dns, budget)) { // RFC 7208 5.2's table
                        case PASS -> {
                            return qualifier;
                        }
                        case FAIL, SOFTFAIL, NEUTRAL -> { }
                        case TEMPERROR -> {
                            return Result.TEMPERROR;
                        }
                        case PERMERROR, NONE -> {
                            return Result.PERMERROR;
                        }
                    }
                }
                default -> {
                    return Result.PERMERROR; // a term this small check_host() does not know
                }
            }
        }
        if (redirect == null) {
            return Result.NEUTRAL; // RFC 7208 4.7
        }
        if (++budget.lookups > MAX_LOOKUPS) {
            return Result.PERMERROR;
        }
        if (dns.txt(redirect).isEmpty() && ++budget.voids > MAX_VOIDS) {
            return Result.PERMERROR;
        }
        Result redirected = evaluate(ip, redirect, dns, budget);
        return redirected == Result.NONE ? Result.PERMERROR : redirected; // RFC 7208 6.1
    }

    static boolean inNetwork(String ip, String network) {
        String[] parts = network.split("/", 2);
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
