package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.agent.Availability;

/** Whether a ChasitorInit can be routed to someone available (spec §2.2). */
final class Routing {

    private Routing() {
    }

    /** buttonOverrides walked in order if present (an entry may be {@code agent_button}), else agentId (with optional fallback), else the button. */
    static boolean routable(JsonNode init, Availability availability) {
        JsonNode overrides = init.path("buttonOverrides");
        if (overrides.isArray() && !overrides.isEmpty()) {
            for (JsonNode o : overrides) {
                for (String part : o.asText().split("_")) {
                    if (availability.isAvailable(part)) {
                        return true;
                    }
                }
            }
            return false;
        }
        String agent = init.path("agentId").asText("");
        boolean buttonOk = availability.isAvailable(init.get("buttonId").asText());
        if (!agent.isEmpty()) {
            boolean fallback = "true".equalsIgnoreCase(init.path("doFallback").asText("false"));
            return availability.isAvailable(agent) || (fallback && buttonOk);
        }
        return buttonOk;
    }
}
