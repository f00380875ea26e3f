package io.github.smtplab.auth.dmarc;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.spf.SpfResult;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.ResourceRecord;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against Perl's Mail::DMARC (an RFC 7489 implementation using the Public Suffix List),
 * on random policies where RFC 7489 and RFC 9989 agree: every case owns a registrable domain under
 * {@code com.} (so the PSL and the DNS tree walk find the same Organizational Domain), and its records use
 * only p, sp, adkim and aspf (no np, psd or t, which RFC 7489 lacks). Records are served by smtp-dns's
 * ZoneServer on loopback; both must give the same result and, on fail, the same disposition.
 */
@RequiresTool(value = "Mail::DMARC", probe = {"perl", "-MMail::DMARC::PurePerl", "-MNet::DNS::Resolver", "-e", "1"},
        install = "Debian packages libmail-dmarc-perl libnet-dns-perl")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MailDmarcDifferentialTest {

    static final int CASES = 200;
    static final long SEED = 9989;

    @TempDir
    Path dir;

    record Case(String author, Optional<SpfInput> spf, List<DkimResult> dkim) {}

    @Test
    void sameResultsAsMailDmarc() throws Exception {
        Random random = new Random(SEED);
        String[] policies = {"none", "quarantine", "reject"};
        DomainName com = DomainName.of("com.");
        List<ResourceRecord> records = new ArrayList<>();
        records.add(ResourceRecord.in(com, 300, new RecordData.Soa(DomainName.of("ns.example.net."),
                DomainName.of("hostmaster.example.net."), 1, 3600, 600, 86400, 60)));
        List<Case> cases = new ArrayList<>();
        for (int k = 0; k < CASES; k++) {
            String org = "case" + k + "-dmarc.com";
            String other = "other" + k + "-dmarc.com";
            StringBuilder record = new StringBuilder("v=DMARC1; p=" + policies[random.nextInt(3)]);
            if (random.nextBoolean()) {
                record.append("; sp=").append(policies[random.nextInt(3)]);
            }
            if (random.nextBoolean()) {
                record.append("; adkim=s");
            }
            if (random.nextBoolean()) {
                record.append("; aspf=s");
            }
            records.add(txt("_dmarc." + org, record.toString()));
            if (random.nextBoolean()) {
                records.add(txt("_dmarc.sub." + org, "v=DMARC1; p=" + policies[random.nextInt(3)]));
            }
            String[] names = {org, "sub." + org, "x.sub." + org, "y." + org, "mail." + org, other};
            for (String n : names) {
                records.add(ResourceRecord.in(DomainName.of(n), 300, new RecordData.A((Inet4Address) InetAddress.getByName("192.0.2.10"))));
            }
            String author = names[random.nextInt(4)];
            Optional<SpfInput> spf = random.nextInt(4) == 0 ? Optional.empty()
                    : Optional.of(new SpfInput(names[random.nextInt(names.length)], random.nextBoolean() ? SpfResult.PASS : SpfResult.FAIL));
            List<DkimResult> dkim = new ArrayList<>();
            for (int d = random.nextInt(3); d > 0; d--) {
                String signer = names[random.nextInt(names.length)];
                dkim.add(random.nextBoolean() ? new DkimResult.Pass(signer, "s" + d, "rsa-sha256", "")
                        : new DkimResult.Fail(signer, "s" + d, "rsa-sha256", "body hash did not verify"));
            }
            cases.add(new Case(author, spf, dkim));
        }
        Zone zone = new Zone(com, records);
        Map<Integer, String> theirs = new HashMap<>();
        try (ZoneServer server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone))) {
            List<String> lines = new ArrayList<>();
            for (Case c : cases) {
                lines.add(c.author() + "|" + c.spf().map(s -> s.domain() + "|" + s.result().keyword()).orElse("|") + "|"
                        + String.join(",", c.dkim().stream().map(d -> d.domain() + ":" + d.keyword()).toList()));
            }
            Path input = dir.resolve("cases.txt");
            Files.write(input, lines);
            Path script = dir.resolve("dmarc_cases.pl");
            Files.writeString(script, String.join("\n",
                    "use strict; use warnings; use Net::DNS::Resolver; use Mail::DMARC::PurePerl;",
                    "my $res = Net::DNS::Resolver->new(nameservers => ['127.0.0.1'], port => " + server.address().getPort()
                            + ", recurse => 0, dnsrch => 0, tcp_timeout => 5, udp_timeout => 5);",
                    "open(my $in, '<', $ARGV[0]) or die; my $k = 0;",
                    "while (my $line = <$in>) { chomp $line; my ($author, $sd, $sr, $dk) = split /\\|/, $line, -1;",
                    "  my $d = Mail::DMARC::PurePerl->new; $d->set_resolver($res);",
                    "  $d->source_ip('192.0.2.10'); $d->envelope_to('rcpt.example.net'); $d->header_from($author);",
                    "  $d->envelope_from($sd ne '' ? $sd : $author);",
                    "  my @sigs = map { my ($dom, $r) = split /:/; { domain => $dom, selector => 's', result => $r } } grep { length } split /,/, $dk;",
                    "  $d->dkim(\\@sigs);",
                    "  $d->spf($sd ne '' ? { domain => $sd, scope => 'mfrom', result => $sr } : { domain => $author, scope => 'mfrom', result => 'none' });",
                    "  my $r = $d->validate; print 'RESULT ', $k++, ' ', $r->result, ' ', ($r->disposition // 'none'), \"\\n\"; }"));
            PeerProcess.Result run = PeerProcess.run(List.of("perl", script.toString(), input.toString()), Duration.ofSeconds(100));
            for (String line : run.output().split("\n")) {
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("RESULT")) {
                    theirs.put(Integer.parseInt(f[1]), f[2] + " " + f[3]);
                }
            }
            assertThat(theirs).as(run.output()).hasSize(CASES);
        }
        DmarcEvaluator ours = new DmarcEvaluator(new InMemoryResolver(List.of(zone)));
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> histogram = new HashMap<>();
        for (int k = 0; k < CASES; k++) {
            Case c = cases.get(k);
            DmarcOutcome o = ours.evaluate(c.author(), c.spf(), c.dkim());
            String mine = o.result().keyword() + " " + o.disposition().map(DmarcPolicy::keyword).orElse("none");
            histogram.merge(mine, 1, Integer::sum);
            if (!mine.equals(theirs.get(k))) {
                disagreements.add("case " + k + " " + c + ": ours " + mine + " (" + o.detail() + "), Mail::DMARC " + theirs.get(k));
            }
        }
        System.out.println("Mail::DMARC differential: " + CASES + " cases, results " + histogram + ", disagreements " + disagreements.size());
        assertThat(disagreements).isEmpty();
        assertThat(histogram.keySet()).as("the generator reaches pass and each disposition").hasSizeGreaterThanOrEqualTo(4);
    }

    private static ResourceRecord txt(String name, String text) {
        return ResourceRecord.in(DomainName.of(name), 300, RecordData.Txt.ofText(text));
    }
}
