package io.github.camelliveagent.emulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.agent.Availability;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;
import io.vertx.core.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The session-less {@code Visitor/…} resources: Availability, Settings, VisitorId, Breadcrumb. */
final class VisitorResources {

    private static final int ESTIMATED_WAIT_TIME_SINCE = 47;

    private final Availability availability;
    private final FaultSettings globalFaults;
    private final Supplier<String> baseUrl;

    VisitorResources(Availability availability, FaultSettings globalFaults, Supplier<String> baseUrl) {
        this.availability = availability;
        this.globalFaults = globalFaults;
        this.baseUrl = baseUrl;
    }

    void register(ChatRestRouter router) {
        router.route(HttpMethod.GET, "Visitor/Availability", this::availability)
                .route(HttpMethod.GET, "Visitor/Settings", this::settings)
                .route(HttpMethod.GET, "Visitor/VisitorId", this::visitorId)
                .route(HttpMethod.POST, "Visitor/Breadcrumb", call -> call.reply(Outcome.ok()));
    }

    private void availability(ChatCall call) {
        String newUrl = globalFaults.switchServerUrl();
        if (newUrl != null) {
            // no special status: the switch is signalled in an ordinary 200 payload (spec §4.3)
            call.reply(Outcome.json(Json.write(Json.envelope("SwitchServer", Json.object().put("newUrl", newUrl)))));
            return;
        }
        String idsParam = call.request.getParam("Availability.ids");
        if (idsParam == null || idsParam.isBlank()) {
            call.reply(Outcome.text(400, "Missing required parameter: Availability.ids"));
            return;
        }
        boolean wantEwt = wantsEstimatedWaitTime(call, "Availability.needEstimatedWaitTime");
        ObjectNode message = Json.object();
        ArrayNode results = message.putArray("results");
        for (String id : ids(idsParam)) {
            ObjectNode r = results.addObject();
            r.put("id", id);
            boolean available = availability.isAvailable(id);
            if (available) {
                r.put("isAvailable", true); // when false the field is omitted, never sent as false (spec §2.3)
            }
            if (wantEwt) {
                r.put("estimatedWaitTime", available ? 0 : -1);
            }
        }
        call.reply(Outcome.json(Json.write(Json.envelope("Availability", message))));
    }

    private void settings(ChatCall call) {
        boolean wantEwt = wantsEstimatedWaitTime(call, "Settings.needEstimatedWaitTime");
        ObjectNode message = Json.object();
        message.put("pingRate", 50000);
        message.put("contentServerUrl", baseUrl.get());
        ArrayNode buttons = message.putArray("buttons");
        // an array parameter may come as one list or as the parameter repeated
        for (String id : ids(String.join(",", call.request.params().getAll("Settings.buttonIds")))) {
            ObjectNode b = buttons.addObject();
            b.put("id", id);
            b.put("type", "Standard");
            b.put("endpointUrl", "");
            b.put("prechatUrl", "");
            b.put("language", "");
            if (availability.isAvailable(id)) {
                b.put("isAvailable", true);
            }
            if (wantEwt) {
                b.put("estimatedWaitTime", availability.isAvailable(id) ? 0 : -1);
            }
        }
        call.reply(Outcome.json(Json.write(Json.envelope("Settings", message))));
    }

    private void visitorId(ChatCall call) {
        ObjectNode message = Json.object().put("sessionId", UUID.randomUUID().toString());
        call.reply(Outcome.json(Json.write(Json.envelope("VisitorId", message))));
    }

    private static boolean wantsEstimatedWaitTime(ChatCall call, String param) {
        return "1".equals(call.request.getParam(param)) && call.apiVersion >= ESTIMATED_WAIT_TIME_SINCE;
    }

    /** Ids as {@code a,b} or {@code [a,b]} (both seen in the wild, spec §2.3). */
    static List<String> ids(String param) {
        List<String> ids = new ArrayList<>();
        if (param == null) {
            return ids;
        }
        String p = param.trim();
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
        }
        for (String part : p.split(",")) {
            String id = part.trim();
            if (id.startsWith("\"") && id.endsWith("\"") && id.length() >= 2) {
                id = id.substring(1, id.length() - 1);
            }
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}
