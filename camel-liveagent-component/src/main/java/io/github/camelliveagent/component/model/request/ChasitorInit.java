package io.github.camelliveagent.component.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Body of {@code POST Chasitor/ChasitorInit}: the visitor's chat request (must be the first POST of a session).
 * <p>
 * Immutable; build one with {@link #builder()}, derive with {@link #toBuilder()} / {@link #withSessionId(String)},
 * and complete a partial body (e.g. from a route) with {@link #mergeDefaults(ChasitorInit)}. A {@code Map} or JSON of the
 * same shape converts with {@code LiveAgentJson.convert(body, ChasitorInit.class)}.
 *
 * @param organizationId 15-char org id ({@code 00D…})
 * @param deploymentId deployment id ({@code 572…})
 * @param buttonId chat button id ({@code 573…})
 * @param agentId optional direct-to-agent routing ({@code 005…})
 * @param doFallback with {@code agentId}: fall back to the button when that agent can't take the chat
 * @param sessionId the {@code id} from System/SessionId
 * @param userAgent free text user agent
 * @param language e.g. {@code en-US}
 * @param screenResolution e.g. {@code 1920x1080}
 * @param visitorName name shown to the agent
 * @param prechatDetails pre-chat details; never null, written as {@code []} when empty
 * @param prechatEntities records to find/create; never null, written as {@code []} when empty
 * @param buttonOverrides ordered routing targets ({@code buttonId}, {@code agentId} or {@code agentId_buttonId}); never null, omitted when empty
 * @param receiveQueueUpdates true to receive QueueUpdate messages
 * @param isPost "made through a POST"; every client sends true
 */
public record ChasitorInit(
        String organizationId,
        String deploymentId,
        String buttonId,
        String agentId,
        Boolean doFallback,
        String sessionId,
        String userAgent,
        String language,
        String screenResolution,
        String visitorName,
        List<CustomDetail> prechatDetails,
        List<Entity> prechatEntities,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> buttonOverrides,
        Boolean receiveQueueUpdates,
        @JsonProperty("isPost") Boolean isPost) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorInit";

    /**
     * Canonical constructor; {@code null} lists become empty lists.
     *
 * @param organizationId 15-char org id ({@code 00D…})
 * @param deploymentId deployment id ({@code 572…})
 * @param buttonId chat button id ({@code 573…})
 * @param agentId optional direct-to-agent routing ({@code 005…})
 * @param doFallback with {@code agentId}: fall back to the button when that agent can't take the chat
 * @param sessionId the {@code id} from System/SessionId
 * @param userAgent free text user agent
 * @param language e.g. {@code en-US}
 * @param screenResolution e.g. {@code 1920x1080}
 * @param visitorName name shown to the agent
 * @param prechatDetails pre-chat details; never null, written as {@code []} when empty
 * @param prechatEntities records to find/create; never null, written as {@code []} when empty
 * @param buttonOverrides ordered routing targets ({@code buttonId}, {@code agentId} or {@code agentId_buttonId}); never null, omitted when empty
 * @param receiveQueueUpdates true to receive QueueUpdate messages
 * @param isPost "made through a POST"; every client sends true
     */
    public ChasitorInit {
        prechatDetails = prechatDetails == null ? List.of() : List.copyOf(prechatDetails);
        prechatEntities = prechatEntities == null ? List.of() : List.copyOf(prechatEntities);
        buttonOverrides = buttonOverrides == null ? List.of() : List.copyOf(buttonOverrides);
    }

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }

    /**
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding this body's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.organizationId = organizationId;
        b.deploymentId = deploymentId;
        b.buttonId = buttonId;
        b.agentId = agentId;
        b.doFallback = doFallback;
        b.sessionId = sessionId;
        b.userAgent = userAgent;
        b.language = language;
        b.screenResolution = screenResolution;
        b.visitorName = visitorName;
        b.prechatDetails = prechatDetails;
        b.prechatEntities = prechatEntities;
        b.buttonOverrides = buttonOverrides;
        b.receiveQueueUpdates = receiveQueueUpdates;
        b.isPost = isPost;
        return b;
    }

    /**
     * @param sessionId the {@code id} from System/SessionId
     * @return a copy with that session id
     */
    public ChasitorInit withSessionId(String sessionId) {
        return toBuilder().sessionId(sessionId).build();
    }

    /**
     * Fills every field this body leaves unset from {@code defaults}: a string is unset when {@code null} or empty,
     * a list when empty, anything else when {@code null}. Set fields of this body always win.
     *
     * @param defaults values to use where this body has none ({@code null} = none)
     * @return the merged body (a new instance)
     */
    public ChasitorInit mergeDefaults(ChasitorInit defaults) {
        if (defaults == null) {
            return this;
        }
        Builder b = new Builder();
        b.organizationId = isSet(organizationId) ? organizationId : defaults.organizationId;
        b.deploymentId = isSet(deploymentId) ? deploymentId : defaults.deploymentId;
        b.buttonId = isSet(buttonId) ? buttonId : defaults.buttonId;
        b.agentId = isSet(agentId) ? agentId : defaults.agentId;
        b.doFallback = doFallback != null ? doFallback : defaults.doFallback;
        b.sessionId = isSet(sessionId) ? sessionId : defaults.sessionId;
        b.userAgent = isSet(userAgent) ? userAgent : defaults.userAgent;
        b.language = isSet(language) ? language : defaults.language;
        b.screenResolution = isSet(screenResolution) ? screenResolution : defaults.screenResolution;
        b.visitorName = isSet(visitorName) ? visitorName : defaults.visitorName;
        b.prechatDetails = !prechatDetails.isEmpty() ? prechatDetails : defaults.prechatDetails;
        b.prechatEntities = !prechatEntities.isEmpty() ? prechatEntities : defaults.prechatEntities;
        b.buttonOverrides = !buttonOverrides.isEmpty() ? buttonOverrides : defaults.buttonOverrides;
        b.receiveQueueUpdates = receiveQueueUpdates != null ? receiveQueueUpdates : defaults.receiveQueueUpdates;
        b.isPost = isPost != null ? isPost : defaults.isPost;
        return b.build();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    /** Mutable builder of {@link ChasitorInit}. */
    public static final class Builder {
        private String organizationId;
        private String deploymentId;
        private String buttonId;
        private String agentId;
        private Boolean doFallback;
        private String sessionId;
        private String userAgent;
        private String language;
        private String screenResolution;
        private String visitorName;
        private List<CustomDetail> prechatDetails;
        private List<Entity> prechatEntities;
        private List<String> buttonOverrides;
        private Boolean receiveQueueUpdates;
        private Boolean isPost;

        private Builder() {
        }

        /**
         * @param organizationId 15-char org id ({@code 00D…})
         * @return this builder
         */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /**
         * @param deploymentId deployment id ({@code 572…})
         * @return this builder
         */
        public Builder deploymentId(String deploymentId) {
            this.deploymentId = deploymentId;
            return this;
        }

        /**
         * @param buttonId chat button id ({@code 573…})
         * @return this builder
         */
        public Builder buttonId(String buttonId) {
            this.buttonId = buttonId;
            return this;
        }

        /**
         * @param agentId optional direct-to-agent routing ({@code 005…})
         * @return this builder
         */
        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /**
         * @param doFallback with {@code agentId}: fall back to the button when that agent can't take the chat
         * @return this builder
         */
        public Builder doFallback(Boolean doFallback) {
            this.doFallback = doFallback;
            return this;
        }

        /**
         * @param sessionId the {@code id} from System/SessionId
         * @return this builder
         */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /**
         * @param userAgent free text user agent
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * @param language e.g. {@code en-US}
         * @return this builder
         */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /**
         * @param screenResolution e.g. {@code 1920x1080}
         * @return this builder
         */
        public Builder screenResolution(String screenResolution) {
            this.screenResolution = screenResolution;
            return this;
        }

        /**
         * @param visitorName name shown to the agent
         * @return this builder
         */
        public Builder visitorName(String visitorName) {
            this.visitorName = visitorName;
            return this;
        }

        /**
         * @param prechatDetails pre-chat details; never null, written as {@code []} when empty
         * @return this builder
         */
        public Builder prechatDetails(List<CustomDetail> prechatDetails) {
            this.prechatDetails = prechatDetails;
            return this;
        }

        /**
         * @param prechatEntities records to find/create; never null, written as {@code []} when empty
         * @return this builder
         */
        public Builder prechatEntities(List<Entity> prechatEntities) {
            this.prechatEntities = prechatEntities;
            return this;
        }

        /**
         * @param buttonOverrides ordered routing targets ({@code buttonId}, {@code agentId} or {@code agentId_buttonId}); never null, omitted when empty
         * @return this builder
         */
        public Builder buttonOverrides(List<String> buttonOverrides) {
            this.buttonOverrides = buttonOverrides;
            return this;
        }

        /**
         * @param receiveQueueUpdates true to receive QueueUpdate messages
         * @return this builder
         */
        public Builder receiveQueueUpdates(Boolean receiveQueueUpdates) {
            this.receiveQueueUpdates = receiveQueueUpdates;
            return this;
        }

        /**
         * @param isPost "made through a POST"; every client sends true
         * @return this builder
         */
        public Builder isPost(Boolean isPost) {
            this.isPost = isPost;
            return this;
        }

        /**
         * @param details pre-chat details to append
         * @return this builder
         */
        public Builder addPrechatDetail(CustomDetail... details) {
            prechatDetails = append(prechatDetails, details);
            return this;
        }

        /**
         * @param entities pre-chat entities to append
         * @return this builder
         */
        public Builder addPrechatEntity(Entity... entities) {
            prechatEntities = append(prechatEntities, entities);
            return this;
        }

        /**
         * @param targets routing targets to set, in order
         * @return this builder
         */
        public Builder buttonOverrides(String... targets) {
            buttonOverrides = List.of(targets);
            return this;
        }

        @SafeVarargs
        private static <T> List<T> append(List<T> list, T... more) {
            List<T> result = list == null ? new ArrayList<>() : new ArrayList<>(list);
            result.addAll(Arrays.asList(more));
            return result;
        }

        /**
         * @return the body
         */
        public ChasitorInit build() {
            return new ChasitorInit(organizationId, deploymentId, buttonId, agentId, doFallback, sessionId, userAgent, language, screenResolution, visitorName, prechatDetails, prechatEntities, buttonOverrides, receiveQueueUpdates, isPost);
        }
    }
}
