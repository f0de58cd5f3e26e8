package io.github.camelliveagent.component.enhanced.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What an Enhanced Chat endpoint needs to talk to its deployment, checked once when the route starts.
 *
 * @param baseUri             the SCRT2 URL, without a trailing slash
 * @param organizationId      the org id in its 15-character form (the event stream refuses the 18-character one, §1.3)
 * @param esDeveloperName     the Custom Client deployment's API name
 * @param capabilitiesVersion the client's declared feature level
 * @param requestTimeoutMs    response timeout of every REST call
 * @param maxRetries          how many times in a row a refused (429, 5xx on the stream) or failed connection is tried
 *                            again before the conversation is given up
 * @param retryDelayMs        the first back-off; each further one doubles, up to 30 s
 */
public record EnhancedChatSettings(URI baseUri, String organizationId, String esDeveloperName, String capabilitiesVersion,
                                   long requestTimeoutMs, int maxRetries, long retryDelayMs) {

    static final long MAX_BACKOFF_MS = 30_000L;

    /** The settings of an endpoint's options; fails naming the option that is missing or malformed. */
    public static EnhancedChatSettings of(String hostname, boolean allowInsecureHttp, String organizationId,
                                          String esDeveloperName, String capabilitiesVersion, long requestTimeoutMs,
                                          int maxRetries, long retryDelayMs) {
        return new EnhancedChatSettings(baseUri(hostname, allowInsecureHttp), organizationId15(organizationId),
                developerName(esDeveloperName), capabilitiesVersion(capabilitiesVersion), requestTimeoutMs, maxRetries,
                retryDelayMs);
    }

    /** An absolute path on the SCRT2 host. */
    public URI uri(String absolutePath) {
        return URI.create(baseUri + absolutePath);
    }

    /** The back-off before attempt {@code round} (1 for the first retry), doubling from retryDelayMs, capped. */
    public long backoffMs(int round) {
        return Math.min(MAX_BACKOFF_MS, retryDelayMs << Math.min(Math.max(round - 1, 0), 16));
    }

    static URI baseUri(String hostname, boolean allowInsecureHttp) {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("Option hostname is required with api=enhancedChat: the deployment's SCRT2"
                                               + " URL (Code Snippet: Url), e.g. https://mydomain.my.salesforce-scrt.com");
        }
        String text = hostname.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option hostname '" + hostname + "' is not a URL: " + e.getMessage(), e);
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("Option hostname '" + hostname + "' must be a URL such as"
                                               + " https://mydomain.my.salesforce-scrt.com (a host, no query)");
        }
        if ("http".equals(uri.getScheme())) {
            if (!allowInsecureHttp && !isLoopback(uri.getHost())) {
                throw new IllegalArgumentException("Option hostname '" + hostname + "' is plain http to a host that is not"
                                                   + " a loopback address: the access token would travel in clear; use"
                                                   + " https, or set allowInsecureHttp=true for a test server");
            }
        } else if (!"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Option hostname '" + hostname + "' must use https");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // only literal addresses: no name lookup when a route starts
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The 15-character form of an org id: an 18-character id is the 15-character one plus a 3-character case checksum.
     */
    static String organizationId15(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Option organizationId is required with api=enhancedChat (a Salesforce id"
                                               + " starting 00D, 15 or 18 characters)");
        }
        String v = id.strip();
        if (!v.matches("00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
            throw new IllegalArgumentException("Option organizationId '" + id + "' is not an org id: expected 15 or 18"
                                               + " letters and digits, starting 00D");
        }
        return v.substring(0, 15);
    }

    private static String developerName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Option esDeveloperName is required with api=enhancedChat: the API name of"
                                               + " the Custom Client deployment (Setup, Embedded Service Deployments, Code"
                                               + " Snippet: DeveloperName)");
        }
        return name.strip();
    }

    private static String capabilitiesVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("Option capabilitiesVersion must not be empty with api=enhancedChat (e.g. 1)");
        }
        return version.strip();
    }
}
