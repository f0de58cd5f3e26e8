package io.github.camelliveagent.emulator.http;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.Locale;

/**
 * Who may use the control API and the agent console, which can end chats and inject faults: a loopback peer, a
 * {@code Host} that names the loopback interface (a DNS-rebinding page reaches loopback under a foreign name), and
 * no {@code Origin} other than the emulator's own (a cross-site page can POST to loopback; browsers add Origin).
 */
final class ControlGuard {

    private ControlGuard() {
    }

    /**
     * Why the request is refused, or null when it may proceed.
     *
     * @param port   the emulator's bound port
     * @param scheme {@code http} or {@code https}
     */
    static String refusal(HttpServerRequest req, int port, String scheme) {
        if (req.remoteAddress() == null || !LoopbackOnly.isLoopback(req.remoteAddress().hostAddress())) {
            return "The control API answers loopback clients only";
        }
        String host = hostOf(req.getHeader("Host"));
        if (host == null || !isLoopbackName(host)) {
            return "The control API answers requests addressed to a loopback name only (Host: localhost, 127.0.0.1"
                    + " or [::1])";
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !ownOrigin(origin, port, scheme)) {
            return "The control API answers the emulator's own pages only: Origin must be " + scheme
                    + "://127.0.0.1:" + port + " (or localhost, [::1])";
        }
        return null;
    }

    private static boolean ownOrigin(String origin, int port, String scheme) {
        try {
            URI u = URI.create(origin.trim());
            if (!scheme.equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                return false;
            }
            int p = u.getPort() != -1 ? u.getPort() : ("https".equalsIgnoreCase(scheme) ? 443 : 80);
            return p == port && isLoopbackName(u.getHost());
        } catch (IllegalArgumentException e) {
            return false; // also "null", the origin of sandboxed and file pages
        }
    }

    /** The host part of a Host header ({@code name[:port]} or {@code [v6][:port]}), or null. */
    private static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** {@code localhost}, or a loopback IP literal; never resolved, so no lookup happens and no name can be rebound. */
    static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) && LoopbackOnly.isLoopback(h);
    }
}
