import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 20: each assertion names the rule of RFC 7489 and shows the domains. */
class DmarcAlignmentTest {

    private static final Set<String> SUFFIXES = Set.of("com", "fr", "uk", "co.uk", "gouv.fr");

    private static void org(String domain, String expected, String rule) {
        assertThat(DmarcAlignment.organizationalDomain(domain, SUFFIXES)).as("%s; domain %s, public suffixes %s", rule, domain, SUFFIXES).isEqualTo(expected);
    }

    private static void aligned(String from, String authenticated, boolean strict, boolean expected, String rule) {
        assertThat(DmarcAlignment.aligned(from, authenticated, strict, SUFFIXES))
                .as("%s; From: domain %s, authenticated domain %s, %s mode", rule, from, authenticated, strict ? "strict" : "relaxed").isEqualTo(expected);
    }

    @Test
    @DisplayName("RFC 7489 3.2: the Organizational Domain of the RFC's example")
    void rfcExample() {
        org("a.b.c.d.example.com", "example.com", "RFC 7489 3.2: a.b.c.d.example.com has the Organizational Domain example.com");
        org("example.com", "example.com", "RFC 7489 3.2: a registered domain is its own Organizational Domain");
    }

    @Test
    @DisplayName("RFC 7489 3.2: the public suffix that matches the largest number of labels")
    void longestSuffix() {
        org("mail.monentreprise.co.uk", "monentreprise.co.uk", "RFC 7489 3.2 step 3: co.uk (2 labels) beats uk (1 label)");
        org("service.impots.gouv.fr", "impots.gouv.fr", "RFC 7489 3.2 step 3: gouv.fr (2 labels) beats fr (1 label)");
        org("mx.monentreprise.fr", "monentreprise.fr", "RFC 7489 3.2 step 4: the suffix fr and one more label");
    }

    @Test
    @DisplayName("RFC 7489 3.2: unlisted suffixes, public suffixes themselves, case and final dot")
    void edges() {
        org("x.y.exemple", "y.exemple", "RFC 7489 3.2: under no listed suffix, the last label is the suffix (default rule)");
        org("co.uk", "co.uk", "RFC 7489 3.2: a public suffix is its own Organizational Domain");
        org("Mail.MonEntreprise.FR.", "monentreprise.fr", "RFC 7489 3.2 with RFC 1035 2.3.3: names without regard to case, the final dot is the root");
    }

    @Test
    @DisplayName("RFC 7489 3.1.1: relaxed mode compares Organizational Domains")
    void relaxed() {
        aligned("monentreprise.fr", "mail.monentreprise.fr", false, true, "RFC 7489 3.1.1: relaxed, the Organizational Domains must be equal");
        aligned("news.monentreprise.fr", "bounces.monentreprise.fr", false, true, "RFC 7489 3.1.1: relaxed, two subdomains of one organization");
        aligned("bank.co.uk", "evil.co.uk", false, false, "RFC 7489 3.1.1 and 3.2: bank.co.uk and evil.co.uk are two organizations under co.uk");
        aligned("monentreprise.fr", "monentreprise.com", false, false, "RFC 7489 3.1.1: another registered domain is not aligned");
    }

    @Test
    @DisplayName("RFC 7489 3.1.1: strict mode needs the exact same name")
    void strict() {
        aligned("monentreprise.fr", "mail.monentreprise.fr", true, false, "RFC 7489 3.1.1: strict, only an exact match of the FQDNs");
        aligned("monentreprise.fr", "MonEntreprise.FR", true, true, "RFC 7489 3.1.1 with RFC 1035 2.3.3: an exact match, without regard to case");
        aligned("monentreprise.fr.", "monentreprise.fr", true, true, "RFC 7489 3.1.1 with RFC 1035 2.3.3: the final dot does not make another name");
    }
}
