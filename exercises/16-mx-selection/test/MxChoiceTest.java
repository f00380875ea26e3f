import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 16: each assertion names the rule of RFC 5321 or RFC 7505 and shows the records. */
class MxChoiceTest {

    private static MxChoice.Mx mx(int preference, String host) {
        return new MxChoice.Mx(preference, host);
    }

    @Test
    @DisplayName("RFC 5321 5.1: lower preference numbers are tried first")
    void lowestPreferenceFirst() {
        List<MxChoice.Mx> records = List.of(mx(30, "c.exemple.com"), mx(10, "a.exemple.com"), mx(20, "b.exemple.com"));
        assertThat(MxChoice.hostsToTry("exemple.com", records, true, new Random(1)))
                .as("RFC 5321 5.1: lower numbers are more preferred than higher ones; records %s", records)
                .containsExactly("a.exemple.com", "b.exemple.com", "c.exemple.com");
    }

    @Test
    @DisplayName("RFC 5321 5.1: hosts of equal preference are randomized")
    void equalPreferencesRandomized() {
        List<MxChoice.Mx> records = List.of(mx(20, "backup.exemple.com"), mx(10, "mx1.exemple.com"), mx(10, "mx2.exemple.com"), mx(10, "mx3.exemple.com"));
        Set<List<String>> seen = new HashSet<>();
        Random random = new Random(5321);
        for (int draw = 0; draw < 60; draw++) {
            List<String> hosts = MxChoice.hostsToTry("exemple.com", records, false, random);
            assertThat(hosts.subList(0, 3)).as("RFC 5321 5.1: the three hosts of preference 10 come first; records %s, draw %d", records, draw)
                    .containsExactlyInAnyOrder("mx1.exemple.com", "mx2.exemple.com", "mx3.exemple.com");
            assertThat(hosts.get(3)).as("RFC 5321 5.1: preference 20 comes last; records %s", records).isEqualTo("backup.exemple.com");
            seen.add(hosts);
        }
        assertThat(seen.size()).as("RFC 5321 5.1: the sender-SMTP MUST randomize equal preferences; orders seen over 60 draws: %s", seen)
                .isGreaterThan(3);
    }

    @Test
    @DisplayName("RFC 5321 5.1: no MX but an address: the implicit MX is the domain itself")
    void implicitMx() {
        assertThat(MxChoice.hostsToTry("monentreprise.fr", List.of(), true, new Random(1)))
                .as("RFC 5321 5.1: an empty list of MXs with an address is an implicit MX of preference 0; domain monentreprise.fr")
                .containsExactly("monentreprise.fr");
    }

    @Test
    @DisplayName("RFC 5321 5.1: no MX and no address: no host to try")
    void noMxNoAddress() {
        assertThat(MxChoice.hostsToTry("nowhere.exemple", List.of(), false, new Random(1)))
                .as("RFC 5321 5.1: no MX and no address record: nothing to try; domain nowhere.exemple").isEmpty();
    }

    @Test
    @DisplayName("RFC 5321 5.1: with MX records, the domain's own address is not used")
    void mxRecordsHideTheAddress() {
        List<MxChoice.Mx> records = List.of(mx(10, "mx.exemple.com"));
        assertThat(MxChoice.hostsToTry("exemple.com", records, true, new Random(1)))
                .as("RFC 5321 5.1: the implicit MX rule applies only if there are no MX records present; records %s", records)
                .containsExactly("mx.exemple.com");
    }

    @Test
    @DisplayName("RFC 7505 3: the null MX (0 .) means no mail at all")
    void nullMx() {
        for (String host : List.of(".", "")) {
            List<MxChoice.Mx> records = List.of(mx(0, host));
            assertThat(MxChoice.hostsToTry("nomail.exemple", records, true, new Random(1)))
                    .as("RFC 7505 3: a single MX with preference 0 and the root as exchange: the domain accepts no mail; records %s", records)
                    .isEmpty();
        }
        List<MxChoice.Mx> zero = List.of(mx(0, "mx0.exemple.com"));
        assertThat(MxChoice.hostsToTry("exemple.com", zero, false, new Random(1)))
                .as("RFC 7505 3: preference 0 with a real host is an ordinary MX; records %s", zero).containsExactly("mx0.exemple.com");
    }
}
