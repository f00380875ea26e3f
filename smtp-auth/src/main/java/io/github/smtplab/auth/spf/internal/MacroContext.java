package io.github.smtplab.auth.spf.internal;

import java.net.InetAddress;
import java.util.function.UnaryOperator;

/**
 * The values macros expand to (RFC 7208 §7.2).
 *
 * @param sender        {@code %{s}}: the identity checked, {@code local-part@domain}
 * @param localPart     {@code %{l}}: the local-part of the sender
 * @param senderDomain  {@code %{o}}: the domain of the sender
 * @param domain        {@code %{d}}: the domain being checked now (changes with include and redirect)
 * @param ip            {@code %{i}}, {@code %{c}}, {@code %{v}}: the client address
 * @param helo          {@code %{h}}: the HELO/EHLO domain
 * @param receiver      {@code %{r}}: the receiving host's domain
 * @param timestamp     {@code %{t}}: seconds since the epoch
 * @param validatedName {@code %{p}}: computes the validated reverse name for a current domain, on demand (§7.3: it costs DNS queries)
 */
public record MacroContext(String sender, String localPart, String senderDomain, String domain, InetAddress ip,
                           String helo, String receiver, long timestamp, UnaryOperator<String> validatedName) {

    /** The same context for another current domain (include and redirect change {@code %{d}}, §5.2, §6.1). */
    public MacroContext withDomain(String newDomain) {
        return new MacroContext(sender, localPart, senderDomain, newDomain, ip, helo, receiver, timestamp, validatedName);
    }
}
