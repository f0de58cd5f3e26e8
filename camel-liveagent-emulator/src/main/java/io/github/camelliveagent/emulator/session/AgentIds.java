package io.github.camelliveagent.emulator.session;

/** The Salesforce-shaped user id the emulator gives an agent name. */
public final class AgentIds {

    private AgentIds() {
    }

    /** A stable 15-character user id ("005" + 12 base-36 digits) per agent name. */
    public static String of(String agentName) {
        String digits = Long.toString((agentName.hashCode() & 0xffffffffL) + 1_000_000_000_000L, 36).toUpperCase();
        return "005" + "000000000000".substring(digits.length()) + digits;
    }
}
