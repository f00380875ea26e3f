package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validations at the edges: key material records, trust files, handshake time limits. */
class KeyMaterialTest {

    @TempDir
    Path dir;

    /** RFC 8446 §4.4.2: a chain has a leaf; the key must belong to it; chains are bounded. */
    @Test
    void keyMaterialIsValidatedWhenBuilt() {
        KeyMaterial good = TlsTestSupport.DEV.server();
        assertThatThrownBy(() -> new KeyMaterial(List.of(), good.privateKey())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyMaterial(good.chain(), TlsTestSupport.STRANGER.server().privateKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> new KeyMaterial(Collections.nCopies(KeyMaterial.MAX_CHAIN_LENGTH + 1, good.leaf()), good.privateKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new KeyMaterial(good.chain(), good.privateKey()).leaf()).isEqualTo(good.leaf());
    }

    /** RFC 5280 §4.1.2.5: a chain used after notAfter (or before notBefore) is named, not refused. */
    @Test
    void anExpiredOrNotYetValidChainIsReported() {
        KeyMaterial good = TlsTestSupport.DEV.server();
        java.time.Instant notAfter = good.leaf().getNotAfter().toInstant();
        assertThat(good.validityProblem(notAfter.minusSeconds(60))).isEmpty();
        assertThat(good.validityProblem(notAfter.plusSeconds(60))).get().asString().contains("expired on " + notAfter);
        assertThat(good.validityProblem(good.leaf().getNotBefore().toInstant().minusSeconds(60))).get().asString()
                .contains("not valid before");
    }

    /** A trust file must hold at least one certificate; anything else is a clear IOException, not a silent empty trust store. */
    @Test
    void trustFilesAreChecked() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> JsseClientTls.trusting(empty)).isInstanceOf(IOException.class).hasMessageContaining("no CERTIFICATE");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> JsseClientTls.trusting(garbage)).isInstanceOf(IOException.class);
        Path ca = Files.writeString(dir.resolve("ca.pem"), PemKeyMaterial.toPem(List.of(TlsTestSupport.DEV.ca())));
        assertThat(JsseClientTls.trusting(ca)).isNotNull();
    }

    /** The handshake time limit must be a positive duration that a socket timeout can hold. */
    @Test
    void handshakeTimeoutIsBounded() {
        ServerTls tls = ServerTls.of(TlsTestSupport.DEV.server());
        assertThatThrownBy(() -> tls.withHandshakeTimeout(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tls.withHandshakeTimeout(java.time.Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
        assertThat(tls.withHandshakeTimeout(java.time.Duration.ofSeconds(5))).isNotNull();
    }

    /** The key type of existing keys: RSA-2048 and EC P-256 are recognised, other sizes are not mistaken for them. */
    @Test
    void keyAlgorithmOfExistingKeys() throws Exception {
        assertThat(KeyAlgorithm.of(TlsTestSupport.DEV.server().privateKey())).isEqualTo(KeyAlgorithm.EC_P256);
        var p384 = java.security.KeyPairGenerator.getInstance("EC");
        p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        assertThat(KeyAlgorithm.of(p384.generateKeyPair().getPrivate())).isNull();
    }
}
