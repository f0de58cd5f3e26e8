package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.conversation.ApiOutcomes;
import io.github.camelliveagent.emulator.enhanced.token.OrgIds;
import io.github.camelliveagent.emulator.session.Json;

/**
 * The deployment's configuration (miaw-api.md §2.1, §1.2): in the token answer's {@code context}, and from
 * {@code GET /embeddedservice/v1/embedded-service-config} and {@code /businesshours} (always open in the emulator).
 */
final class DeploymentConfig {

    static final String CONFIG_PATH = "/embeddedservice/v1/embedded-service-config";
    static final String HOURS_PATH = "/embeddedservice/v1/businesshours";

    private final EnhancedChatSettings settings;
    private final String channelAddress;

    DeploymentConfig(EnhancedChatSettings settings, String channelAddress) {
        this.settings = settings;
        this.channelAddress = channelAddress;
    }

    /** {@code GET …/embedded-service-config?orgId=&esConfigName=&language=}: no token needed. */
    void config(ApiCall call) {
        deployment(call);
        if (!settings.published()) {
            // the answer integrators quote for a deployment never published (miaw-api.md §1.2): its own shape, no errorCode
            call.reply(ApiOutcomes.json(412, Json.object().put("text", "Embedded Messaging Config is not Published")));
            return;
        }
        call.reply(ApiOutcomes.json(200, embeddedServiceConfig(settings, channelAddress, false)));
    }

    /** {@code GET …/businesshours?orgId=&esConfigName=}: one open interval around now (epoch ms). */
    void businessHours(ApiCall call) {
        deployment(call);
        long now = System.currentTimeMillis();
        ObjectNode o = Json.object();
        ObjectNode hours = o.putObject("businessHoursInfo").putArray("businessHours").addObject();
        hours.put("startTime", now - 3_600_000L);
        hours.put("endTime", now + 8 * 3_600_000L);
        call.reply(ApiOutcomes.json(200, o));
    }

    private void deployment(ApiCall call) {
        if (!OrgIds.sameOrg(call.param("orgId"), settings.orgId())) {
            throw new BadRequest("Invalid or missing orgId: this emulator serves " + settings.orgId());
        }
        if (!settings.esDeveloperName().equals(call.param("esConfigName"))) {
            throw new BadRequest("Invalid or missing esConfigName: this emulator serves " + settings.esDeveloperName());
        }
    }

    /** The {@code embeddedServiceConfig} object. */
    static ObjectNode embeddedServiceConfig(EnhancedChatSettings settings, String channelAddress, boolean verified) {
        ObjectNode config = Json.object();
        config.put("name", settings.esDeveloperName());
        config.put("deploymentType", settings.deploymentType());
        ObjectNode channel = config.putObject("embeddedServiceMessagingChannel");
        channel.put("channelAddressIdentifier", channelAddress);
        channel.put("authMode", verified ? "Auth" : "UnAuth");
        ObjectNode form = config.putArray("forms").addObject();
        form.put("formType", "PreChat");
        form.put("displayContext", settings.prechatPerSession() ? "Session" : "Conversation");
        ArrayNode fields = form.putArray("formFields");
        int order = 1;
        for (String f : settings.prechatFields().stream().sorted().toList()) {
            ObjectNode field = fields.addObject();
            field.put("name", f);
            field.put("order", order++);
            field.put("type", "Text");
            field.put("required", false);
            field.put("maxLength", 255);
            field.put("isHidden", !f.startsWith("_"));
            field.putNull("choiceListId");
        }
        ObjectNode attachments = config.putObject("attachments");
        attachments.put("endUserToAgent", settings.attachments());
        attachments.put("maxFileSize", EnhancedChatSettings.MAX_FILE_BYTES / (1024 * 1024));
        config.putObject("choiceListConfig").putArray("choiceList");
        config.putObject("transcript").put("allowTranscriptDownload", false);
        return config;
    }
}
