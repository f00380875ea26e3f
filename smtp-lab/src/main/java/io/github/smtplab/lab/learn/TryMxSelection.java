package io.github.smtplab.lab.learn;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code learn try 16}: smtplab's DNS server serves three domains (several MX, no MX, null MX); the learner's
 * {@code MxChoice.hostsToTry()} gets the records a real lookup returned, and its order is checked.
 */
final class TryMxSelection implements TryCommand.Scenario {

    private static final String ZONE = """
            $ORIGIN exemple.
            $TTL 300
            @          IN SOA  ns hostmaster 1 3600 600 86400 60
            @          IN NS   ns
            ns         IN A    127.0.0.1
            courrier   IN MX   20 secours.courrier
            courrier   IN MX   10 mx1.courrier
            courrier   IN MX   10 mx2.courrier
            mx1.courrier IN A  127.0.0.1
            mx2.courrier IN A  127.0.0.1
            secours.courrier IN A 127.0.0.1
            sans-mx    IN A    127.0.0.1
            pas-de-courrier IN MX 0 .
            pas-de-courrier IN A  127.0.0.1
            """;

    private static final List<String> DOMAINS = List.of("courrier.exemple", "sans-mx.exemple", "pas-de-courrier.exemple");

    @Override
    public boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception {
        Zone zone = switch (MasterFileParser.parse(ZONE, DomainName.of("exemple"))) {
            case ZoneParseResult.Parsed parsed -> parsed.zone();
            case ZoneParseResult.Failed failed -> throw new IllegalStateException("zone line " + failed.line() + ": " + failed.message());
        };
        boolean allRight = true;
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone))) {
            StubResolver resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + dns.address().getPort()));
            out.println(say.t("smtplab's DNS server answers on ", "le serveur DNS de smtplab répond sur ") + dns.address().getHostString() + ":" + dns.address().getPort());
            Class<?> mxClass = Class.forName("MxChoice$Mx", true, code.loader());
            Constructor<?> newMx = mxClass.getDeclaredConstructor(int.class, String.class);
            newMx.setAccessible(true);
            for (String domain : DOMAINS) {
                List<RecordData.Mx> mx = mxRecords(resolver.query(DomainName.of(domain), RecordType.MX));
                boolean hasAddress = resolver.query(DomainName.of(domain), RecordType.A) instanceof LookupResult.Found;
                out.printf("%n;; dig %s MX  ->  %s%s%n", domain, mx.isEmpty() ? say.t("no MX", "aucun MX")
                                : mx.stream().map(r -> r.preference() + " " + name(r.exchange())).toList(),
                        hasAddress ? say.t(", and an A record", ", et un enregistrement A") : "");
                List<Object> records = new ArrayList<>();
                for (RecordData.Mx record : mx) {
                    String host = name(record.exchange());
                    records.add(newMx.newInstance(record.preference(), host));
                }
                Object hosts = code.call("MxChoice", "hostsToTry", new Class<?>[] {String.class, List.class, boolean.class, Random.class},
                        domain, records, hasAddress, new Random());
                boolean right = expected(domain, mx, hasAddress, (List<?>) hosts);
                allRight &= right;
                out.printf("   %s %s  %s%n", say.t("your hostsToTry():", "votre hostsToTry() :"), hosts, right ? "✓" : "✗ " + say.t(
                        "(expected: by preference, lowest first; implicit MX; nothing for a null MX)",
                        "(attendu : par préférence croissante ; MX implicite ; rien pour un MX nul)"));
            }
        }
        return allRight;
    }

    /** A host name as the exercise takes it: without the final dot, "." for the root (the null MX). */
    private static String name(DomainName name) {
        String text = name.toString();
        return text.equals(".") ? "." : text.substring(0, text.length() - 1);
    }

    private static List<RecordData.Mx> mxRecords(LookupResult result) {
        if (result instanceof LookupResult.Found found) {
            return found.data().stream().filter(RecordData.Mx.class::isInstance).map(RecordData.Mx.class::cast).toList();
        }
        return List.of();
    }

    /** RFC 5321 §5.1 and RFC 7505 §3, checked on the learner's answer (equal preferences in any order). */
    private static boolean expected(String domain, List<RecordData.Mx> mx, boolean hasAddress, List<?> hosts) {
        if (mx.isEmpty()) {
            return hosts.equals(hasAddress ? List.of(domain) : List.of());
        }
        if (mx.size() == 1 && mx.get(0).exchange().equals(DomainName.ROOT)) {
            return hosts.isEmpty();
        }
        List<RecordData.Mx> sorted = new ArrayList<>(mx);
        sorted.sort(java.util.Comparator.comparingInt(RecordData.Mx::preference));
        if (hosts.size() != sorted.size()) {
            return false;
        }
        for (int i = 0; i < sorted.size(); i++) {
            int preference = sorted.get(i).preference();
            String host = String.valueOf(hosts.get(i));
            if (mx.stream().noneMatch(r -> r.preference() == preference && name(r.exchange()).equals(host))) {
                return false;
            }
        }
        return true;
    }
}
