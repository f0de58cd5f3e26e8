package io.github.camelliveagent.component.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where the Chat REST API of an org lives: the base URI that {@code /chat/rest/<Prefix>/<Noun>} is appended to, the
 * API version every call announces, and the rules for where a SwitchServer may move a session to.
 */
public record ChatServer(URI baseUri, String apiVersion, SwitchServerRules switchRules) {

    /**
     * Resolves a hostname option into a server, applying the rules users rely on: a bare host means https, plain
     * http only for loopback hosts or when explicitly allowed, and an integer API version of 29 or later.
     *
     * @throws IllegalArgumentException naming the option and what a valid value looks like
     */
    public static ChatServer of(String hostname, String apiVersion, boolean allowInsecureHttp) {
        return of(hostname, apiVersion, allowInsecureHttp, null);
    }

    /**
     * As {@link #of(String, String, boolean)}, with the hosts a SwitchServer may move sessions to besides Salesforce's
     * own (option allowedSwitchHosts, see {@link SwitchServerRules}).
     */
    public static ChatServer of(String hostname, String apiVersion, boolean allowInsecureHttp, String allowedSwitchHosts) {
        URI base = base(hostname, allowInsecureHttp);
        return new ChatServer(base, checkApiVersion(apiVersion),
                SwitchServerRules.of(base.getHost(), allowInsecureHttp, allowedSwitchHosts));
    }

    private static URI base(String hostname, boolean allowInsecureHttp) {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException(
                    "Option hostname is required: the org's Chat API endpoint without /chat/rest/,"
                                               + " e.g. https://d.la1-c1-xyz.salesforceliveagent.com");
        }
        String text = hostname.trim();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Option hostname '" + hostname + "' is not a valid URL (" + e.getReason()
                                               + "); expected e.g. https://d.la1-c1-xyz.salesforceliveagent.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("Option hostname '" + hostname
                                               + "' must be an https URL with a host, e.g. https://d.la1-c1-xyz.salesforceliveagent.com");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("Option hostname '" + hostname
                                               + "' uses plain http to a non-loopback host; use https, or set allowInsecureHttp=true"
                                               + " for a test server");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/chat/rest/") || path.endsWith("/chat/rest")) {
            path = path.substring(0, path.lastIndexOf("/chat/rest"));
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** This server under other switch rules (those of the place that decided to move here). */
    ChatServer withRules(SwitchServerRules rules) {
        return new ChatServer(baseUri, apiVersion, rules);
    }

    private static String checkApiVersion(String apiVersion) {
        String v = apiVersion == null ? "" : apiVersion.trim();
        if (v.endsWith(".0")) {
            v = v.substring(0, v.length() - 2);
        }
        try {
            if (Integer.parseInt(v) >= 29) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "Option apiVersion '" + apiVersion + "' is not valid: expected an integer API version of 29 or later, e.g. 52");
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses: resolving a name here would go to DNS
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URI of a resource such as {@code System/Messages}, with an already encoded query (or null). */
    public URI resource(String path, String rawQuery) {
        String s = baseUri + "/chat/rest/" + path;
        return URI.create(rawQuery == null || rawQuery.isEmpty() ? s : s + "?" + rawQuery);
    }

    /**
     * The server a SwitchServer reply names ({@code https://<host>/chat}), if {@link SwitchServerRules} allow it.
     *
     * @throws IllegalArgumentException saying why the switch is refused; the caller stays on this server
     */
    public ChatServer switchTo(String newUrl) {
        return switchRules.follow(this, newUrl);
    }

    /**
     * The server a session restored from a store lives on: its stored base URI, under the rules of a SwitchServer from
     * this (the configured) server, with its stored API version.
     *
     * @throws IllegalArgumentException saying why the stored server is refused
     */
    public ChatServer resume(String storedBaseUri, String storedApiVersion) {
        ChatServer stored = switchRules.follow(this, storedBaseUri);
        return new ChatServer(stored.baseUri(), checkApiVersion(storedApiVersion), switchRules);
    }

    /**
     * The server a session restored from a store lives on, for a component without a {@code hostname} of its own:
     * only an https Salesforce chat host or one listed in allowedSwitchHosts is trusted (there is no configured host to
     * compare with, so neither it nor loopback hosts are).
     *
     * @throws IllegalArgumentException saying why the stored server is refused
     */
    public static ChatServer resumeWithoutHostname(String storedBaseUri, String storedApiVersion, boolean allowInsecureHttp,
                                                   String allowedSwitchHosts) {
        // the rules compare with where a session comes from; with no configured server, it comes from nowhere trusted
        // over https (so a stored plain-http base is a downgrade and refused)
        ChatServer nowhere = new ChatServer(URI.create("https://unconfigured.invalid"), checkApiVersion(storedApiVersion),
                SwitchServerRules.of(null, allowInsecureHttp, allowedSwitchHosts));
        return nowhere.resume(storedBaseUri, storedApiVersion);
    }
}
