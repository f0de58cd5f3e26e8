package io.github.camelliveagent.emulator.http;

import java.net.InetAddress;

/** The control API's guard: it can end chats and inject faults, so only the local machine may use it. */
public final class LoopbackOnly {

    private LoopbackOnly() {
    }

    /** Whether a remote IP address (a literal, so no DNS lookup happens) is a loopback address. */
    public static boolean isLoopback(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty() || !hostAddress.matches("[0-9a-fA-F.:%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(hostAddress).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
