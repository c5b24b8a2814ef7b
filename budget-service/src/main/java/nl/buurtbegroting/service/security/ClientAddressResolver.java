package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from, for the rate limit only (it is never stored). The socket's peer,
 * unless that peer is one of {@code bb.voting.trusted-proxies}: then the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Without trusted proxies the header is
 * ignored, so a client cannot pick its own address.
 */
@Singleton
public class ClientAddressResolver {

    private final Set<String> trustedProxies;

    public ClientAddressResolver(@Property(name = "bb.voting.trusted-proxies", defaultValue = "") List<String> trusted) {
        this.trustedProxies = Set.copyOf(trusted.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public String addressOf(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress inet = remote.getAddress();
        String peer = inet != null ? inet.getHostAddress() : remote.getHostString();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
        String chosen = peer;
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (hop.isEmpty()) {
                    continue;
                }
                chosen = hop;
                if (!trustedProxies.contains(hop)) {
                    return hop;
                }
            }
        }
        return chosen;
    }
}
