package io.github.camelliveagent.component.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where the Chat REST API of an org lives: the base URI that {@code /chat/rest/<Prefix>/<Noun>} is appended to, and
 * the API version every call announces.
 */
public record ChatServer(URI baseUri, String apiVersion) {

    /**
     * Resolves a hostname option into a server, applying the rules users rely on: a bare host means https, plain
     * http only for loopback hosts or when explicitly allowed, and an integer API version of 29 or later.
     *
     * @throws IllegalArgumentException naming the option and what a valid value looks like
     */
    public static ChatServer of(String hostname, String apiVersion, boolean allowInsecureHttp) {
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
        URI base = URI.create(scheme + "://" + uri.getRawAuthority() + path);
        return new ChatServer(base, checkApiVersion(apiVersion));
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

    private static boolean isLoopback(String host) {
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
     * The server a SwitchServer reply names ({@code https://<host>/chat}). A switch from https to plain http is refused:
     * it would send the session key in clear.
     */
    public ChatServer switchTo(String newUrl) {
        String url = newUrl.trim().replaceFirst("/chat/?$", "");
        if (!url.contains("://")) {
            url = baseUri.getScheme() + "://" + url;
        }
        boolean downgrade = "https".equals(baseUri.getScheme()) && url.toLowerCase().startsWith("http://");
        if (downgrade) {
            throw new IllegalArgumentException("SwitchServer to '" + newUrl + "' refused: it would leave https for plain http");
        }
        return of(url, apiVersion, true);
    }
}
