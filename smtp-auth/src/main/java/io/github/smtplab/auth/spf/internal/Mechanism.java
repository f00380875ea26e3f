package io.github.smtplab.auth.spf.internal;

import java.util.Optional;

/**
 * The eight mechanisms of RFC 7208 §5, as parsed. Domain specs are kept unexpanded: macros (§7) are expanded
 * when the mechanism is evaluated, because they depend on the message.
 */
public sealed interface Mechanism {

    /** True if evaluating this mechanism queries DNS and so counts towards the limit of 10 (§4.6.4). */
    default boolean queriesDns() {
        return !(this instanceof All || this instanceof Ip4 || this instanceof Ip6);
    }

    /** {@code all}: always matches (§5.1). */
    record All() implements Mechanism {}

    /** {@code include:<domain-spec>}: matches if check_host() on that domain passes (§5.2). */
    record Include(String domainSpec) implements Mechanism {}

    /**
     * {@code a[:<domain-spec>][/<ip4-cidr>][//<ip6-cidr>]}: matches an address of the name (§5.3).
     *
     * @param domainSpec the name, empty for the current domain
     * @param cidr4      prefix length for IPv4, 0 to 32 (32 when absent)
     * @param cidr6      prefix length for IPv6, 0 to 128 (128 when absent)
     */
    record A(Optional<String> domainSpec, int cidr4, int cidr6) implements Mechanism {}

    /** {@code mx[:<domain-spec>][/<ip4-cidr>][//<ip6-cidr>]}: matches an address of one of the name's MX hosts (§5.4). */
    record Mx(Optional<String> domainSpec, int cidr4, int cidr6) implements Mechanism {}

    /** {@code ptr[:<domain-spec>]}: matches if a validated reverse name lies in the domain (§5.5, do not use). */
    record Ptr(Optional<String> domainSpec) implements Mechanism {}

    /**
     * {@code ip4:<network>[/<cidr>]} (§5.6).
     *
     * @param network the 4 octets of the network
     * @param cidr    the prefix length, 0 to 32
     */
    record Ip4(byte[] network, int cidr) implements Mechanism {}

    /**
     * {@code ip6:<network>[/<cidr>]} (§5.6).
     *
     * @param network the 16 octets of the network
     * @param cidr    the prefix length, 0 to 128
     */
    record Ip6(byte[] network, int cidr) implements Mechanism {}

    /** {@code exists:<domain-spec>}: matches if the name has an A record (§5.7). */
    record Exists(String domainSpec) implements Mechanism {}
}
