package io.github.camelliveagent.component.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a session may be moved by a {@code SwitchServer} message, or resumed after a restart: the session key goes
 * wherever the session goes, so the target must pass the rules of the {@code hostname} option (https, or plain http
 * to a loopback host or with {@code allowInsecureHttp}), never leave https for http, and be a host the user trusts:
 * <ul>
 * <li>a Salesforce chat host, {@code *.salesforceliveagent.com} (classic pods) or {@code *.salesforce-scrt.com}
 * (My-Domain endpoints), the shapes liveagent-api.md §1.1 lists;</li>
 * <li>the host of the configured {@code hostname};</li>
 * <li>a loopback host when the configured {@code hostname} is one (an emulator);</li>
 * <li>a host listed in {@code allowedSwitchHosts} ({@code chat.example.com}, or {@code .example.com} /
 * {@code *.example.com} for every sub-domain of example.com).</li>
 * </ul>
 */
public final class SwitchServerRules {

    /** Domains of Salesforce's chat servers (liveagent-api.md §1.1); a host must be a sub-domain of one. */
    static final List<String> SALESFORCE_CHAT_DOMAINS = List.of("salesforceliveagent.com", "salesforce-scrt.com");

    private final String configuredHost;
    private final boolean allowInsecureHttp;
    private final List<String> allowedHosts;

    private SwitchServerRules(String configuredHost, boolean allowInsecureHttp, List<String> allowedHosts) {
        this.configuredHost = configuredHost;
        this.allowInsecureHttp = allowInsecureHttp;
        this.allowedHosts = allowedHosts;
    }

    /**
     * @param  configuredHost           the host of the {@code hostname} option, or null when there is none (a session
     *                                  restored by a component without one)
     * @param  allowInsecureHttp        the option of that name
     * @param  allowedSwitchHosts       the option of that name: comma-separated host names; a leading {@code .} or
     *                                  {@code *.} for sub-domains
     * @throws IllegalArgumentException naming allowedSwitchHosts when an entry is not a host name
     */
    public static SwitchServerRules of(String configuredHost, boolean allowInsecureHttp, String allowedSwitchHosts) {
        List<String> allowed = new ArrayList<>();
        if (allowedSwitchHosts != null) {
            for (String entry : allowedSwitchHosts.split(",")) {
                String host = entry.trim().toLowerCase(Locale.ROOT);
                if (host.isEmpty()) {
                    continue;
                }
                if (host.startsWith(".")) {
                    host = "*" + host;
                }
                if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                    throw new IllegalArgumentException("Option allowedSwitchHosts has '" + entry.trim()
                                                       + "', which is not a host name: expected names such as"
                                                       + " chat.example.com or .example.com (its sub-domains), comma-separated");
                }
                allowed.add(host);
            }
        }
        return new SwitchServerRules(configuredHost == null ? null : configuredHost.toLowerCase(Locale.ROOT),
                allowInsecureHttp, List.copyOf(allowed));
    }

    /**
     * The server a session moves to from {@code current}.
     *
     * @param  target                   a SwitchServer {@code newUrl} ({@code https://<host>/chat}) or a stored base URI
     * @throws IllegalArgumentException saying why the target is refused (the text quotes the target, never a key)
     */
    ChatServer follow(ChatServer current, String target) {
        String url = target == null ? "" : target.trim().replaceFirst("/chat/?$", "");
        if (!url.contains("://")) {
            url = "https://" + url; // a bare host means https, as for the hostname option
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(target, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw refused(target, "it is not an http(s) URL with a host");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(current.baseUri().getScheme())) {
            throw refused(target, "it would leave https for plain http");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !ChatServer.isLoopback(host)) {
            throw refused(target, "plain http to a host that is not a loopback address (the session key would travel in"
                                  + " clear); allowInsecureHttp=true allows it for test servers");
        }
        if (!trusted(host)) {
            throw refused(target, host + " is not a Salesforce chat host (*." + String.join(", *.", SALESFORCE_CHAT_DOMAINS)
                                  + "), the configured hostname's host" + (isLoopbackConfigured() ? " or a loopback host" : "")
                                  + ", nor listed in allowedSwitchHosts");
        }
        return ChatServer.of(url, current.apiVersion(), true).withRules(this);
    }

    private boolean trusted(String host) {
        if (host.equals(configuredHost) || (isLoopbackConfigured() && ChatServer.isLoopback(host))) {
            return true;
        }
        for (String domain : SALESFORCE_CHAT_DOMAINS) {
            if (host.endsWith("." + domain)) {
                return true;
            }
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private boolean isLoopbackConfigured() {
        return configuredHost != null && ChatServer.isLoopback(configuredHost);
    }

    private static IllegalArgumentException refused(String target, String why) {
        return new IllegalArgumentException("SwitchServer to '" + target + "' refused: " + why);
    }

    @Override
    public String toString() {
        return "SwitchServerRules[configured=" + configuredHost + ", allowInsecureHttp=" + allowInsecureHttp + ", allowed="
               + allowedHosts + "]";
    }
}
