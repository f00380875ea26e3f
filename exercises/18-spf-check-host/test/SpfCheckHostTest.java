import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 18: each assertion names the rule of RFC 7208 and shows the records. */
class SpfCheckHostTest {

    /** A DNS made of TXT records and names that have an A record. */
    private record Zone(Map<String, List<String>> records, Set<String> withA) implements SpfCheckHost.Dns {
        @Override
        public List<String> txt(String name) {
            return records.getOrDefault(name, List.of());
        }

        @Override
        public boolean hasA(String name) {
            return withA.contains(name);
        }
    }

    private static Zone zone(String... nameThenRecord) {
        Map<String, List<String>> records = new HashMap<>();
        for (int i = 0; i < nameThenRecord.length; i += 2) {
            records.computeIfAbsent(nameThenRecord[i], k -> new java.util.ArrayList<>()).add(nameThenRecord[i + 1]);
        }
        return new Zone(records, Set.of("exists.monentreprise.fr"));
    }

    private static void result(String ip, String domain, Zone dns, SpfCheckHost.Result expected, String rule) {
        assertThat(SpfCheckHost.checkHost(ip, domain, dns)).as("%s; ip %s, domain %s, records %s", rule, ip, domain, dns.records()).isEqualTo(expected);
    }

    @Test
    @DisplayName("RFC 7208 4.6.2: the first mechanism that matches gives the result through its qualifier")
    void firstMatchWins() {
        Zone dns = zone("monentreprise.fr", "v=spf1 ip4:192.0.2.0/24 -ip4:198.51.100.0/24 ~ip4:203.0.113.0/24 ?ip4:10.0.0.0/8 -all");
        result("192.0.2.10", "monentreprise.fr", dns, SpfCheckHost.Result.PASS, "RFC 7208 4.6.2: no qualifier is + (pass)");
        result("198.51.100.1", "monentreprise.fr", dns, SpfCheckHost.Result.FAIL, "RFC 7208 4.6.2: - is fail");
        result("203.0.113.5", "monentreprise.fr", dns, SpfCheckHost.Result.SOFTFAIL, "RFC 7208 4.6.2: ~ is softfail");
        result("10.1.2.3", "monentreprise.fr", dns, SpfCheckHost.Result.NEUTRAL, "RFC 7208 4.6.2: ? is neutral");
        result("172.16.0.1", "monentreprise.fr", dns, SpfCheckHost.Result.FAIL, "RFC 7208 5.1: -all matches everything left");
    }

    @Test
    @DisplayName("RFC 7208 4.5: no SPF record is none, two are a permerror")
    void recordSelection() {
        Zone dns = zone("none.exemple", "google-site-verification=abc", "two.exemple", "v=spf1 -all", "two.exemple", "v=spf1 +all",
                "one.exemple", "something else", "one.exemple", "V=SPF1 ip4:192.0.2.0/24 -all");
        result("192.0.2.10", "none.exemple", dns, SpfCheckHost.Result.NONE, "RFC 7208 4.5: no record starting with v=spf1 gives none");
        result("192.0.2.10", "two.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 4.5: more than one v=spf1 record is a permerror");
        result("192.0.2.10", "one.exemple", dns, SpfCheckHost.Result.PASS, "RFC 7208 4.5: other TXT records are ignored; the version is not case sensitive");
    }

    @Test
    @DisplayName("RFC 7208 4.7: no match and no redirect is neutral")
    void defaultResult() {
        result("198.51.100.1", "monentreprise.fr", zone("monentreprise.fr", "v=spf1 ip4:192.0.2.0/24"), SpfCheckHost.Result.NEUTRAL,
                "RFC 7208 4.7: as if ?all were specified as the last directive");
    }

    @Test
    @DisplayName("RFC 7208 5.2: include matches on pass only")
    void includeTable() {
        Zone dns = zone("monentreprise.fr", "v=spf1 include:_spf.hebergeur.example -all",
                "_spf.hebergeur.example", "v=spf1 ip4:192.0.2.0/24 ~all",
                "perm.exemple", "v=spf1 include:broken.exemple -all", "broken.exemple", "v=spf1 frob:x -all",
                "missing.exemple", "v=spf1 include:nothing-here.exemple +all");
        result("192.0.2.10", "monentreprise.fr", dns, SpfCheckHost.Result.PASS, "RFC 7208 5.2: an include that passes is a match");
        result("198.51.100.1", "monentreprise.fr", dns, SpfCheckHost.Result.FAIL, "RFC 7208 5.2: an include that gives softfail is not a match; -all then fails");
        result("192.0.2.10", "perm.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 5.2: an include that gives permerror returns permerror");
        result("192.0.2.10", "missing.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 5.2: an include of a domain without SPF record (none) returns permerror");
    }

    @Test
    @DisplayName("RFC 7208 6.1: redirect when nothing matched; none there is a permerror")
    void redirect() {
        Zone dns = zone("monentreprise.fr", "v=spf1 ip4:203.0.113.0/24 redirect=_spf.monentreprise.fr",
                "_spf.monentreprise.fr", "v=spf1 ip4:192.0.2.0/24 -all",
                "lost.exemple", "v=spf1 redirect=nowhere.exemple");
        result("203.0.113.9", "monentreprise.fr", dns, SpfCheckHost.Result.PASS, "RFC 7208 6.1: a mechanism that matches wins over redirect");
        result("192.0.2.10", "monentreprise.fr", dns, SpfCheckHost.Result.PASS, "RFC 7208 6.1: the redirected record's result is the result");
        result("198.51.100.1", "monentreprise.fr", dns, SpfCheckHost.Result.FAIL, "RFC 7208 6.1: the redirected record's -all");
        result("192.0.2.10", "lost.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 6.1: if no SPF record is found, the result is permerror rather than none");
    }

    @Test
    @DisplayName("RFC 7208 4.6.4: at most 10 terms that cause DNS lookups in the whole evaluation")
    void tenLookups() {
        String[] chain = new String[24];
        for (int i = 0; i < 11; i++) {
            chain[2 * i] = "d" + i + ".exemple";
            chain[2 * i + 1] = "v=spf1 include:d" + (i + 1) + ".exemple -all";
        }
        chain[22] = "d11.exemple";
        chain[23] = "v=spf1 ip4:192.0.2.0/24 -all";
        Zone dns = zone(chain);
        result("192.0.2.10", "d1.exemple", dns, SpfCheckHost.Result.PASS, "RFC 7208 4.6.4: 10 includes in a chain are allowed");
        result("192.0.2.10", "d0.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 4.6.4: an 11th include exceeds the limit of 10: permerror");
        Zone loop = zone("a.exemple", "v=spf1 include:b.exemple -all", "b.exemple", "v=spf1 include:a.exemple -all");
        result("192.0.2.10", "a.exemple", loop, SpfCheckHost.Result.PERMERROR, "RFC 7208 4.6.4: an include loop ends at the limit with permerror");
    }

    @Test
    @DisplayName("RFC 7208 4.6.4: the limit counts across include and redirect, not per record")
    void limitIsGlobal() {
        Zone dns = zone("monentreprise.fr", "v=spf1 include:a.exemple include:b.exemple ip4:192.0.2.0/24 -all",
                "a.exemple", "v=spf1 include:l1.exemple include:l2.exemple include:l3.exemple include:l4.exemple include:l5.exemple ?all",
                "b.exemple", "v=spf1 include:l6.exemple include:l7.exemple include:l8.exemple include:l9.exemple include:l10.exemple ?all",
                "l1.exemple", "v=spf1 ?all", "l2.exemple", "v=spf1 ?all", "l3.exemple", "v=spf1 ?all", "l4.exemple", "v=spf1 ?all",
                "l5.exemple", "v=spf1 ?all", "l6.exemple", "v=spf1 ?all", "l7.exemple", "v=spf1 ?all", "l8.exemple", "v=spf1 ?all",
                "l9.exemple", "v=spf1 ?all", "l10.exemple", "v=spf1 ?all");
        result("192.0.2.10", "monentreprise.fr", dns, SpfCheckHost.Result.PERMERROR,
                "RFC 7208 4.6.4: 2 + 5 + 5 = 12 includes during the evaluation exceed the total of 10");
    }

    @Test
    @DisplayName("RFC 7208 4.6.4: at most two void lookups")
    void voidLookups() {
        Zone dns = zone("two.exemple", "v=spf1 exists:nx1.exemple exists:nx2.exemple ip4:192.0.2.0/24 -all",
                "three.exemple", "v=spf1 exists:nx1.exemple exists:nx2.exemple exists:nx3.exemple ip4:192.0.2.0/24 -all",
                "found.exemple", "v=spf1 exists:exists.monentreprise.fr -all");
        result("192.0.2.10", "two.exemple", dns, SpfCheckHost.Result.PASS, "RFC 7208 4.6.4: two void lookups are allowed");
        result("192.0.2.10", "three.exemple", dns, SpfCheckHost.Result.PERMERROR, "RFC 7208 4.6.4: a third void lookup exceeds the limit of two: permerror");
        result("198.51.100.1", "found.exemple", dns, SpfCheckHost.Result.PASS, "RFC 7208 5.7: exists matches when the name has an A record");
    }
}
