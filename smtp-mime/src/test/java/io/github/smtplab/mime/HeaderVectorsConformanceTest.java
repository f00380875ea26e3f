package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.testkit.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * stalwart mail-parser's header-field vectors ({@code shared/conformance/mime/stalwart-mail-parser/headers/}):
 * address lists (RFC 5322 §3.4), dates (§3.3) and Content-Type/Disposition values (RFC 2045 §5.1, RFC 2231).
 * We count how many of stalwart's expected values our parsers reproduce; disagreements are printed.
 */
@RequiresSharedData("mime/stalwart-mail-parser/headers")
@RequiresTool(value = "Python 3 (json reader)", probe = {"/usr/bin/python3", "-c", "import json"}, install = "Debian package python3")
class HeaderVectorsConformanceTest {

    /** Turns stalwart's JSON into one line per vector: kind, base64(header), base64(canonical expected value). */
    private static final String SCRIPT = """
            import sys, json, base64
            def b(s): return base64.b64encode(s.encode('utf-8', 'surrogateescape')).decode('ascii')
            def mb(m): return (m.get('name') or '') + '|' + (m.get('address') or '')
            def addr(e):
                if not isinstance(e, dict): return 'EMPTY'
                if 'List' in e: return ';'.join(mb(m) for m in e['List'])
                if 'Group' in e: return ';'.join('G:' + (g.get('name') or '') + '[' + ';'.join(mb(m) for m in (g.get('addresses') or [])) + ']' for g in e['Group'])
                if 'Address' in e: return mb(e['Address'])
                return 'OTHER'
            def date(e):
                if not isinstance(e, dict) or 'year' not in e: return 'EMPTY'
                sign = '-' if e['tz_before_gmt'] else '+'
                return '%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d' % (e['year'], e['month'], e['day'], e['hour'], e['minute'], e['second'], sign, e['tz_hour'], e['tz_minute'])
            def ct(e):
                if not isinstance(e, dict) or 'c_type' not in e: return 'EMPTY'
                t = e['c_type'] + ('/' + e['c_subtype'] if e.get('c_subtype') else '')
                attrs = e.get('attributes') or []
                return t + ''.join(';' + (a[0] if isinstance(a, list) else a['name']) + '=' + (a[1] if isinstance(a, list) else a['value']) for a in attrs)
            root = sys.argv[1]
            for kind, fn in (('address', addr), ('date', date), ('content_type', ct)):
                for v in json.load(open(root + '/' + kind + '.json', encoding='utf-8')):
                    print(kind, b(v['header']), b(fn(v['expected'])))
            """;

    private static String canonicalAddresses(String header) {
        return switch (AddressParser.parseList(header)) {
            case ParseResult.Ok<List<Address>> ok -> ok.value().isEmpty() ? "EMPTY" : ok.value().stream().map(a -> switch (a) {
                case Mailbox m -> m.displayName() + "|" + m.address();
                case Address.Group g -> "G:" + g.displayName() + "["
                        + g.members().stream().map(m -> m.displayName() + "|" + m.address()).collect(Collectors.joining(";")) + "]";
            }).collect(Collectors.joining(";"));
            case ParseResult.Failed<List<Address>> f -> "FAILED " + f.reason();
        };
    }

    private static String canonicalDate(String header) {
        return switch (MessageDate.parse(header.strip())) {
            case ParseResult.Ok<OffsetDateTime> ok -> {
                OffsetDateTime t = ok.value();
                int total = t.getOffset().getTotalSeconds() / 60;
                yield String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d", t.getYear(), t.getMonthValue(),
                        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), total < 0 ? "-" : "+",
                        Math.abs(total) / 60, Math.abs(total) % 60);
            }
            case ParseResult.Failed<OffsetDateTime> f -> "EMPTY";
        };
    }

    private static String canonicalContentType(String header) {
        MimeParameters p = MimeParameters.parse(header);
        if (p.value().isEmpty()) {
            return "EMPTY";
        }
        StringBuilder out = new StringBuilder(p.value().toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        for (Map.Entry<String, String> e : p.parameters().entrySet()) {
            out.append(';').append(e.getKey()).append('=').append(EncodedWords.decode(e.getValue()));
        }
        return out.toString();
    }

    /** Counts agreements per vector file; requires a majority for each so a regression shows. */
    @Test
    @Timeout(60)
    void stalwartHeaderVectors() throws Exception {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT,
                SharedData.path("mime/stalwart-mail-parser/headers").toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Map<String, int[]> counts = new java.util.TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ");
            String header = new String(Base64.getDecoder().decode(w[1]), StandardCharsets.UTF_8);
            String expected = new String(Base64.getDecoder().decode(w[2]), StandardCharsets.UTF_8);
            String ours = switch (w[0]) {
                case "address" -> canonicalAddresses(header);
                case "date" -> canonicalDate(header);
                default -> canonicalContentType(header);
            };
            int[] c = counts.computeIfAbsent(w[0], k -> new int[2]);
            c[1]++;
            if (ours.equals(expected)) {
                c[0]++;
            } else {
                differences.add(w[0] + ": " + header.strip().replace("\r\n", " ").replace("\n", " ")
                        + "  expected [" + expected + "] ours [" + ours + "]");
            }
        }
        counts.forEach((k, c) -> System.out.printf("[smtp-mime] stalwart %s vectors: %d/%d agree%n", k, c[0], c[1]));
        differences.stream().limit(15).forEach(d -> System.out.println("[smtp-mime]   differs: " + d));
        counts.forEach((k, c) -> assertThat(c[0]).as(k).isGreaterThan(c[1] / 2));
    }
}
