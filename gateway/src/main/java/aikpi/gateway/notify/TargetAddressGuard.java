package aikpi.gateway.notify;

import aikpi.security.SecurityMode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The SSRF guard of notification targets: a receiver's URL must not name or resolve to an address of the gateway's
 * own network (loopback, link-local, site-local and IPv6 unique-local, unspecified, multicast), or a subscriber could
 * make the gateway post to its database or its cloud's metadata service. Checked when a subscription is stored and
 * again, on the addresses its host resolves to then, at each delivery. Off ({@code GATEWAY_NOTIFY_ALLOW_PRIVATE_TARGETS})
 * by default in development and tests, where receivers run on this machine; on in production.
 */
@Singleton
public class TargetAddressGuard {

    private final boolean allowPrivate;

    public TargetAddressGuard(SecurityMode mode,
                              @Nullable @Value("${gateway.notify.allow-private-targets:}") String allowPrivate) {
        this.allowPrivate = allowPrivate == null || allowPrivate.isBlank() ? mode.development()
                : Boolean.parseBoolean(allowPrivate.trim());
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Why {@code url}'s host may not be posted to, or empty when it may. A host that does not resolve is not refused
     * here (it may resolve later); delivery checks again.
     */
    public Optional<String> refusal(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return Optional.of("resolves to " + address.getHostAddress()
                            + ", an address of the gateway's own network, which notifications are never sent to");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        // IPv6 unique-local fc00::/7, the successor of site-local fec0::/10 (all isSiteLocalAddress knows). An IPv4
        // address mapped into IPv6 is an Inet4Address already.
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
        }
        return false;
    }
}
