package io.github.smtplab.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A development CA and the server certificate it issued.
 *
 * @param server the server's chain (leaf, then the CA) and key, ready for {@link ServerTls}
 * @param ca     the CA certificate clients must trust
 * @param caPem  where the CA was written as PEM for clients ({@code --trust ca.pem}); empty when the
 *               certificates were made in memory only
 */
public record IssuedCertificates(KeyMaterial server, X509Certificate ca, Optional<Path> caPem) {
    public IssuedCertificates {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(caPem, "caPem");
    }
}
