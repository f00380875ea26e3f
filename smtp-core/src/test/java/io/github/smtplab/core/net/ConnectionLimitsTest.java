package io.github.smtplab.core.net;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection limits, in all and per address, shared by listeners; a place is given back once. */
class ConnectionLimitsTest {

    @Test
    void limitsPerAddressAndInAllAreKeptAndPlacesComeBack() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(3, 2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        Optional<ConnectionLimits.Permit> a1 = limits.acquire(a);
        Optional<ConnectionLimits.Permit> a2 = limits.acquire(a);
        assertThat(a1).isPresent();
        assertThat(a2).isPresent();
        assertThat(limits.acquire(a)).isEmpty();               // 2 per address
        Optional<ConnectionLimits.Permit> b1 = limits.acquire(b);
        assertThat(b1).isPresent();
        assertThat(limits.acquire(b)).isEmpty();               // 3 in all
        a1.get().close();
        a1.get().close();                                      // twice: given back once
        assertThat(limits.acquire(b)).isPresent();
        assertThat(limits.acquire(a)).isEmpty();
        assertThatThrownBy(() -> new ConnectionLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
