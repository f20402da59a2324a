package io.siamhub.adapters.outbound.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an outbound delivery may go: https to a public address; never a private (RFC 1918, RFC 4193
 * unique-local), link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10,
 * fd00:ec2::254), shared (RFC 6598 100.64/10), unspecified, multicast or loopback address, unless the
 * install allows that network ({@code siam.adapters.outbound.allowed-networks}) or, for loopback,
 * {@code siam.adapters.outbound.allow-insecure-loopback=true} (which also allows http there). A
 * subscription must not become a way into the hub's own network. Checked when a subscription is saved
 * and again, on the resolved addresses, before every delivery (a name may resolve elsewhere later).
 */
public final class TargetAddresses {

    /** A URL or address a subscription may not use; the message says why and what to do. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Host names of cloud instance metadata services, refused by name whatever they resolve to: GCP
     * ({@code metadata.google.internal}, {@code metadata.goog}, {@code metadata}), AWS
     * ({@code instance-data}, {@code instance-data.ec2.internal}), Azure/OpenStack have only the
     * 169.254.169.254 address, refused as link-local.
     */
    public static final java.util.Set<String> METADATA_HOSTS = java.util.Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal");

    private final boolean allowLoopback;
    private final List<Network> allowed;

    public TargetAddresses(boolean allowLoopback, List<String> allowedNetworks) {
        this.allowLoopback = allowLoopback;
        this.allowed = new ArrayList<>();
        for (String cidr : allowedNetworks) {
            allowed.add(Network.parse(cidr.strip()));
        }
    }

    /**
     * Checks a subscription URL's shape: absolute, https (http only to a loopback host when loopback is
     * allowed), a host, no user info (credentials would be stored and logged with the URL), no fragment.
     * A literal IP address is checked as {@link #checkAddress} does; names are checked on resolution.
     *
     * @return the parsed URI
     * @throws Refused naming what is wrong
     */
    public URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("url is required: the https URL the deliveries are POSTed to");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("url " + url + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isAbsolute() && uri.getHost() == null && uri.getRawAuthority() != null && !uri.getRawAuthority().isBlank()) {
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            throw new Refused("url host " + authority.substring(at + 1) + " is not a valid host name (letters, digits and -, in"
                    + " dot-separated labels, the last starting with a letter: desk.example.com) nor an IP address (203.0.113.10, [2001:db8::1])");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new Refused("url " + url + " must be an absolute https URL with a host (https://desk.example.com/hooks/siam)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("url must not carry credentials (user:password@): receivers verify the webhook-signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("url must not have a #fragment: it is never sent");
        }
        String host = host(uri);
        String bareName = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(bareName)) {
            throw new Refused("url host " + host + " is a cloud metadata service: a subscription may not reach it");
        }
        boolean loopbackName = host.equals("localhost") || host.endsWith(".localhost");
        InetAddress literal = literal(host);
        boolean loopback = loopbackName || (literal != null && literal.isLoopbackAddress());
        if (scheme.equals("http")) {
            if (!loopback || !allowLoopback) {
                throw new Refused("url must be https (http is only allowed to loopback, and only with"
                        + " siam.adapters.outbound.allow-insecure-loopback=true)");
            }
        } else if (!scheme.equals("https")) {
            throw new Refused("url scheme " + scheme + " is not https");
        }
        if (loopbackName && !allowLoopback) {
            throw new Refused("url " + host + " is this host (loopback): not allowed unless siam.adapters.outbound.allow-insecure-loopback=true");
        }
        if (literal != null) {
            checkAddress(literal);
        }
        return uri;
    }

    /**
     * Checks one resolved address.
     *
     * @throws Refused when it is internal and not allowed
     */
    public void checkAddress(InetAddress address) {
        InetAddress plain = unmapped(address);
        for (Network network : allowed) {
            if (network.contains(plain)) {
                return;
            }
        }
        String kind = internalKind(plain);
        if (kind == null) {
            return;
        }
        if (kind.equals("loopback") && allowLoopback) {
            return;
        }
        throw new Refused("address " + plain.getHostAddress() + " is " + kind + ": a subscription may not reach internal addresses"
                + (kind.equals("loopback") ? " (siam.adapters.outbound.allow-insecure-loopback=true allows loopback in tests)"
                        : " unless the network is listed in siam.adapters.outbound.allowed-networks"));
    }

    /** Checks every address a host resolves to (all must be allowed: a resolver may hand any of them out). */
    public void checkAll(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            checkAddress(address);
        }
    }

    /** The URI's host, without IPv6 brackets, lower case. */
    public static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static InetAddress literal(String host) {
        boolean ipv4 = host.matches("[0-9.]+");
        boolean ipv6 = host.contains(":");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new Refused("url host " + host + " is not a valid IP address");
        }
    }

    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (the cloud metadata service lives there)";
        }
        if (address.isSiteLocalAddress()) {
            return "private (RFC 1918)";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified (0.0.0.0/8)";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "shared address space (RFC 6598)";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking (RFC 2544)";
            }
            if (first >= 240) {
                return "reserved";
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local (RFC 4193; fd00:ec2::254 is the AWS metadata service)";
        }
        return null;
    }

    /** A CIDR block. */
    private record Network(byte[] base, int prefix) {
        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (!cidr.matches("[0-9a-fA-F.:/]+")) { // a name would be looked up: only literal addresses
                throw new IllegalArgumentException("siam.adapters.outbound.allowed-networks: " + cidr + " is not a CIDR block");
            }
            try {
                InetAddress base = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash));
                int bits = base.getAddress().length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("siam.adapters.outbound.allowed-networks: " + cidr + " is not a CIDR block");
                }
                return new Network(base.getAddress(), prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("siam.adapters.outbound.allowed-networks: " + cidr + " is not a CIDR block");
            }
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != base.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (base[full] & mask);
        }
    }
}
