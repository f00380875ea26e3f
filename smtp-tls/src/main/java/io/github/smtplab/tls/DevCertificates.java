package io.github.smtplab.tls;

import io.github.smtplab.tls.internal.HostNames;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority and a server certificate it signs, so that TLS can be tried on a
 * laptop with real verification: clients trust {@code ca.pem} ({@code --trust ca.pem}) and check the
 * host name against the server certificate's subjectAltName (RFC 6125 §6.4, RFC 5280 §4.2.1.6).
 *
 * <p>The server certificate always names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, plus the
 * configured host names. {@link #ensure} keeps the files in a directory and reuses them while they are
 * valid, cover the wanted names and use the wanted key type; otherwise it makes new ones.
 *
 * <p>Never use these certificates outside a laboratory: the CA key sits next to them in the directory.
 */
public final class DevCertificates {

    /** The CA certificate, for clients. */
    public static final String CA_FILE = "ca.pem";
    /** The CA private key (PKCS#8). */
    public static final String CA_KEY_FILE = "ca-key.pem";
    /** The server chain: its certificate, then the CA (RFC 8446 §4.4.2: leaf first). */
    public static final String SERVER_FILE = "server.pem";
    /** The server private key (PKCS#8). */
    public static final String SERVER_KEY_FILE = "server-key.pem";

    /** Names every development certificate carries, so loopback tests verify (RFC 6125 §6.4). */
    public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** How long a development CA is valid. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a development server certificate is valid (below the 398 days browsers accept). */
    public static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** A cached certificate that expires sooner than this is replaced. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(7);
    /** Clock skew tolerated between machines: certificates start this much in the past. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevCertificates() {}

    /**
     * The certificates in {@code directory}, made there first if missing, unusable, expiring, of another
     * key type, or not covering {@code hostNames}.
     */
    public static IssuedCertificates ensure(Path directory, List<String> hostNames, KeyAlgorithm algorithm) throws IOException {
        List<String> names = names(hostNames);
        Path caPem = directory.resolve(CA_FILE);
        IssuedCertificates cached = cached(directory, names, algorithm);
        if (cached != null) {
            return cached;
        }
        Made fresh = make(names, algorithm);
        IssuedCertificates made = fresh.issued();
        Files.createDirectories(directory);
        write(directory.resolve(CA_KEY_FILE), PemKeyMaterial.toPem(fresh.caKey()), true);
        write(directory.resolve(SERVER_KEY_FILE), PemKeyMaterial.toPem(made.server().privateKey()), true);
        write(directory.resolve(SERVER_FILE), PemKeyMaterial.toPem(made.server().chain()), false);
        write(caPem, PemKeyMaterial.toPem(List.of(made.ca())), false);
        return new IssuedCertificates(made.server(), made.ca(), java.util.Optional.of(caPem));
    }

    /** A new CA and server certificate, in memory only. */
    public static IssuedCertificates generate(List<String> hostNames, KeyAlgorithm algorithm) {
        return make(names(hostNames), algorithm).issued();
    }

    /** What {@link #make} returns: the certificates, and the CA key that {@link #ensure} saves. */
    private record Made(IssuedCertificates issued, PrivateKey caKey) {}

    private static Made make(List<String> names, KeyAlgorithm algorithm) {
        try {
            KeyPair caKeys = keyPair(algorithm);
            Instant now = Instant.now();
            X500Name caName = name("smtplab development CA " + Long.toHexString(RANDOM.nextLong() >>> 16));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            // RFC 5280 §4.2.1.9 and §4.2.1.3: a CA may sign certificates, nothing else
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate(), algorithm);

            // RFC 5280 §4.2.1.6: the names go in subjectAltName; §4.2.1.12: for TLS servers only
            KeyPair serverKeys = keyPair(algorithm);
            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caCertificate, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(SERVER_VALIDITY)), name(names.getFirst()), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(algorithm == KeyAlgorithm.RSA_2048
                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(serverKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate serverCertificate = sign(server, caKeys.getPrivate(), algorithm);
            KeyMaterial material = new KeyMaterial(List.of(serverCertificate, caCertificate), serverKeys.getPrivate());
            return new Made(new IssuedCertificates(material, caCertificate, java.util.Optional.empty()), caKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("the JDK cannot make " + algorithm + " certificates", e);
        }
    }

    /** The cached certificates if they can be used as they are, else null. */
    private static IssuedCertificates cached(Path directory, List<String> names, KeyAlgorithm algorithm) {
        Path caPem = directory.resolve(CA_FILE);
        if (!Files.isRegularFile(caPem) || !Files.isRegularFile(directory.resolve(SERVER_FILE))
                || !Files.isRegularFile(directory.resolve(SERVER_KEY_FILE))) {
            return null;
        }
        if (!(PemKeyMaterial.load(directory.resolve(SERVER_FILE), directory.resolve(SERVER_KEY_FILE)) instanceof PemLoadResult.Loaded loaded)) {
            return null;
        }
        try {
            List<X509Certificate> cas = PemKeyMaterial.certificates(Files.readString(caPem, StandardCharsets.ISO_8859_1));
            if (cas.size() != 1) {
                return null;
            }
            X509Certificate ca = cas.getFirst();
            X509Certificate leaf = loaded.material().leaf();
            leaf.verify(ca.getPublicKey());
            Date soon = Date.from(Instant.now().plus(RENEW_BEFORE));
            leaf.checkValidity(soon);
            ca.checkValidity(soon);
            if (KeyAlgorithm.of(loaded.material().privateKey()) != algorithm || !coveredNames(leaf).containsAll(canonical(names))) {
                return null;
            }
            return new IssuedCertificates(loaded.material(), ca, java.util.Optional.of(caPem));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;   // unreadable, forged, expired: make new ones
        }
    }

    /** The loopback names, then the configured ones, without duplicates. */
    private static List<String> names(List<String> hostNames) {
        Set<String> all = new LinkedHashSet<>();
        for (String name : hostNames) {
            if (!HostNames.isIpLiteral(name) && !HostNames.isDnsName(name)) {
                throw new IllegalArgumentException("not a host name or IP address: " + name);
            }
            all.add(name);
        }
        all.addAll(LOOPBACK_NAMES);
        return List.copyOf(all);
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(HostNames.isIpLiteral(name)
                    ? new GeneralName(GeneralName.iPAddress, HostNames.stripBrackets(name))
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    /** The names a certificate's subjectAltName covers, IP addresses in canonical form. */
    static Set<String> coveredNames(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> covered = new java.util.HashSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> entry : alternatives) {
                covered.add(canonical(String.valueOf(entry.get(1))));
            }
        }
        return covered;
    }

    private static Set<String> canonical(List<String> names) {
        Set<String> out = new java.util.HashSet<>();
        names.forEach(n -> out.add(canonical(n)));
        return out;
    }

    /** Lower-case DNS names; IP addresses in the JDK's textual form (so ::1 and 0:0:0:0:0:0:0:1 agree). */
    private static String canonical(String name) {
        if (HostNames.isIpLiteral(name)) {
            try {
                return InetAddress.getByName(HostNames.stripBrackets(name)).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "smtplab").addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair keyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
        if (algorithm == KeyAlgorithm.RSA_2048) {
            generator.initialize(KeyAlgorithm.RSA_BITS, RANDOM);
        } else {
            generator.initialize(new ECGenParameterSpec(KeyAlgorithm.EC_CURVE), RANDOM);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, KeyAlgorithm algorithm)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(issuerKey)));
    }

    /** RFC 5280 §4.1.2.2: a positive serial number of at most 20 octets, unique per CA. */
    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    /** Writes a file; a {@code secret} one (a private key) readable by its owner only, where permissions are POSIX. */
    private static void write(Path file, String text, boolean secret) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and friends: the directory's own protection applies
        }
    }
}
