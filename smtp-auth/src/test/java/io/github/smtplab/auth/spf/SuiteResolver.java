package io.github.smtplab.auth.spf;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import io.github.smtplab.dns.Zone;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The zone data of one suite scenario, served by smtp-dns's {@link InMemoryResolver} from a single zone at
 * the root. Follows the suite's conventions: an {@code SPF} entry is also served as TXT unless the name has
 * TXT entries of its own ({@code TXT: NONE} meaning "no TXT"), since RFC 7208 §3.1 dropped type SPF; a name
 * listed with {@code TIMEOUT} answers every question it has no data for with a timeout.
 */
final class SuiteResolver implements DnsResolver {

    private final InMemoryResolver zones;
    private final Set<DomainName> timeouts = new HashSet<>();
    /** Entries the suite lists that DNS cannot hold (names too long, for instance): ignored, as a server would refuse them. */
    final List<String> skipped = new ArrayList<>();

    SuiteResolver(Map<String, List<SuiteYaml.Entry>> zonedata) {
        List<ResourceRecord> records = new ArrayList<>();
        records.add(ResourceRecord.in(DomainName.ROOT, 300, new RecordData.Soa(
                DomainName.of("ns.test."), DomainName.of("hostmaster.test."), 1, 3600, 600, 86400, 300)));
        for (Map.Entry<String, List<SuiteYaml.Entry>> e : zonedata.entrySet()) {
            DomainName name;
            try {
                name = DomainName.of(e.getKey());
            } catch (IllegalArgumentException bad) {
                skipped.add(e.getKey());
                continue;
            }
            boolean hasTxt = e.getValue().stream().anyMatch(x -> x.type().equals("TXT"));
            for (SuiteYaml.Entry entry : e.getValue()) {
                RecordData data = switch (entry.type()) {
                    case "TIMEOUT" -> {
                        timeouts.add(name);
                        yield null;
                    }
                    case "TXT" -> "NONE".equals(entry.value()) ? null : txt(entry.value());
                    case "SPF" -> hasTxt ? null : txt(entry.value());
                    case "A" -> new RecordData.A((Inet4Address) literal((String) entry.value()));
                    case "AAAA" -> new RecordData.Aaaa(v6((String) entry.value()));
                    case "PTR" -> new RecordData.Ptr(DomainName.of((String) entry.value()));
                    case "CNAME" -> new RecordData.Cname(DomainName.of((String) entry.value()));
                    case "MX" -> {
                        List<?> mx = (List<?>) entry.value();
                        String host = (String) mx.get(1);
                        yield new RecordData.Mx(Integer.parseInt((String) mx.get(0)), host.isEmpty() ? DomainName.ROOT : DomainName.of(host));
                    }
                    default -> throw new IllegalArgumentException("record type the driver does not know: " + entry.type());
                };
                if (data != null) {
                    records.add(ResourceRecord.in(name, 300, data));
                }
            }
        }
        this.zones = new InMemoryResolver(List.of(new Zone(DomainName.ROOT, records)));
    }

    private static RecordData.Txt txt(Object value) {
        List<String> strings = new ArrayList<>();
        List<?> pieces = value instanceof List<?> list ? list : List.of(value);
        for (Object piece : pieces) {
            String s = (String) piece;
            for (int i = 0; i < s.length() || i == 0; i += 255) {
                strings.add(s.substring(i, Math.min(s.length(), i + 255)));
            }
        }
        return new RecordData.Txt(strings.isEmpty() ? List.of("") : strings);
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByAddress(null, literal(text).getAddress().length == 16
                    ? literal(text).getAddress() : null);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        LookupResult answer = zones.query(name, type);
        if (!(answer instanceof LookupResult.Found) && timeouts.contains(name)) {
            return new LookupResult.Failure(new Question(name, type), FailureKind.TIMEOUT, "the suite says TIMEOUT");
        }
        return answer;
    }
}
