package io.github.smtplab.lab;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Reads {@code host:port}, {@code [::1]:port} or {@code :port} (loopback) into a socket address. */
final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("expected HOST:PORT, e.g. 127.0.0.1:2525, not '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("the port in '" + value + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.TypeConversionException("the port in '" + value + "' is not between 0 and 65535");
        }
        return new InetSocketAddress(host, port);
    }
}
