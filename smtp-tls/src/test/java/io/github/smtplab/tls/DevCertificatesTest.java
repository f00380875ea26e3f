package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development CA and server certificate: contents (RFC 5280), caching, and what OpenSSL thinks of them. */
class DevCertificatesTest {

    @TempDir
    Path dir;

    /** RFC 5280 §4.2.1.6: the server certificate names localhost, 127.0.0.1, ::1 and the configured names; the CA signed it. */
    @Test
    void serverCertificateNamesLoopbackAndConfiguredHosts() throws Exception {
        IssuedCertificates issued = DevCertificates.ensure(dir, List.of("mx.exemple.com", "smtp.exemple.com"), KeyAlgorithm.EC_P256);
        X509Certificate leaf = issued.server().leaf();
        assertThat(DevCertificates.coveredNames(leaf)).contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "mx.exemple.com", "smtp.exemple.com");
        leaf.verify(issued.ca().getPublicKey());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(issued.ca().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");   // id-kp-serverAuth
        assertThat(issued.caPem()).contains(dir.resolve(DevCertificates.CA_FILE));
        for (String file : List.of(DevCertificates.CA_FILE, DevCertificates.CA_KEY_FILE, DevCertificates.SERVER_FILE, DevCertificates.SERVER_KEY_FILE)) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
    }

    /** The cache: same names and key type reuse the files; new names, another key type or a damaged file make new ones. */
    @Test
    void cachedCertificatesAreReusedWhileTheyFit() throws Exception {
        IssuedCertificates first = DevCertificates.ensure(dir, List.of("mx.exemple.com"), KeyAlgorithm.EC_P256);
        IssuedCertificates again = DevCertificates.ensure(dir, List.of("mx.exemple.com"), KeyAlgorithm.EC_P256);
        assertThat(again.server().leaf()).isEqualTo(first.server().leaf());
        assertThat(again.ca()).isEqualTo(first.ca());

        IssuedCertificates moreNames = DevCertificates.ensure(dir, List.of("mx.exemple.com", "new.exemple.com"), KeyAlgorithm.EC_P256);
        assertThat(moreNames.server().leaf()).isNotEqualTo(first.server().leaf());
        assertThat(DevCertificates.coveredNames(moreNames.server().leaf())).contains("new.exemple.com");

        IssuedCertificates rsa = DevCertificates.ensure(dir, List.of("mx.exemple.com"), KeyAlgorithm.RSA_2048);
        assertThat(rsa.server().privateKey().getAlgorithm()).isEqualTo("RSA");

        Files.writeString(dir.resolve(DevCertificates.SERVER_KEY_FILE), "garbage");
        IssuedCertificates repaired = DevCertificates.ensure(dir, List.of("mx.exemple.com"), KeyAlgorithm.RSA_2048);
        assertThat(repaired.server().leaf()).isNotEqualTo(rsa.server().leaf());
        assertThat(PemKeyMaterial.load(dir.resolve(DevCertificates.SERVER_FILE), dir.resolve(DevCertificates.SERVER_KEY_FILE)))
                .isInstanceOf(PemLoadResult.Loaded.class);
    }

    /** An independent verifier: OpenSSL accepts the chain for the purpose sslserver and the host names. */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void opensslVerifiesTheServerCertificate() throws Exception {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            Path sub = Files.createDirectories(dir.resolve(algorithm.name()));
            DevCertificates.ensure(sub, List.of("mx.exemple.com"), algorithm);
            for (List<String> check : List.of(List.of("-verify_hostname", "localhost"), List.of("-verify_hostname", "mx.exemple.com"),
                    List.of("-verify_ip", "127.0.0.1"), List.of("-verify_ip", "::1"))) {
                List<String> command = new java.util.ArrayList<>(List.of("openssl", "verify", "-purpose", "sslserver",
                        "-CAfile", sub.resolve(DevCertificates.CA_FILE).toString()));
                command.addAll(check);
                command.add(sub.resolve(DevCertificates.SERVER_FILE).toString());
                PeerProcess.Result result = PeerProcess.run(command, Duration.ofSeconds(20));
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains(": OK");
            }
            List<String> wrongName = List.of("openssl", "verify", "-purpose", "sslserver", "-CAfile", sub.resolve(DevCertificates.CA_FILE).toString(),
                    "-verify_hostname", "other.example", sub.resolve(DevCertificates.SERVER_FILE).toString());
            assertThat(PeerProcess.run(wrongName, Duration.ofSeconds(20)).exitCode()).isNotZero();
        }
    }

    /** Key files written by OpenSSL in each accepted form (PKCS#8, PKCS#1 RSA, SEC1 EC) load; an encrypted key is refused clearly. */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void keysWrittenByOpensslLoad() throws Exception {
        record Case(String name, List<String> makeKey) {}
        List<Case> cases = List.of(
                new Case("pkcs8-rsa", List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "OUT")),
                new Case("pkcs1-rsa", List.of("openssl", "genrsa", "-traditional", "-out", "OUT", "2048")),
                new Case("pkcs8-ec", List.of("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "OUT")),
                new Case("sec1-ec", List.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "OUT")));
        for (Case c : cases) {
            Path key = dir.resolve(c.name() + ".key");
            Path cert = dir.resolve(c.name() + ".crt");
            List<String> make = c.makeKey().stream().map(a -> a.equals("OUT") ? key.toString() : a).toList();
            PeerProcess.Result made = PeerProcess.run(make, Duration.ofSeconds(30));
            assertThat(made.exitCode()).as(made.output()).isZero();
            PeerProcess.Result req = PeerProcess.run(List.of("openssl", "req", "-new", "-x509", "-key", key.toString(), "-subj", "/CN=" + c.name(),
                    "-days", "2", "-out", cert.toString()), Duration.ofSeconds(30));
            assertThat(req.exitCode()).as(req.output()).isZero();
            String header = Files.readAllLines(key).getFirst();
            assertThat(header).as(c.name()).isEqualTo(switch (c.name()) {
                case "pkcs1-rsa" -> "-----BEGIN RSA PRIVATE KEY-----";
                case "sec1-ec" -> "-----BEGIN EC PRIVATE KEY-----";
                default -> "-----BEGIN PRIVATE KEY-----";
            });
            assertThat(PemKeyMaterial.load(cert, key)).as(c.name()).isInstanceOf(PemLoadResult.Loaded.class);
        }
        Path encrypted = dir.resolve("encrypted.key");
        assertThat(PeerProcess.run(List.of("openssl", "pkey", "-in", dir.resolve("pkcs8-ec.key").toString(), "-aes256", "-passout", "pass:secret",
                "-out", encrypted.toString()), Duration.ofSeconds(30)).exitCode()).isZero();
        assertThat(PemKeyMaterial.load(dir.resolve("pkcs8-ec.crt"), encrypted)).isInstanceOfSatisfying(PemLoadResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("encrypted"));
    }
}
