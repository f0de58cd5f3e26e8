package io.github.camelliveagent.component;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.model.MessageTypes;
import io.github.camelliveagent.component.session.SessionSettings;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Talks to the Salesforce Live Agent (Chat) REST API as a chat visitor: start chats, send messages, and receive every
 * chat event as an exchange.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "liveagent", title = "Salesforce Live Agent",
             syntax = "liveagent:operation", category = { Category.CHAT, Category.SAAS },
             headersClass = LiveAgentConstants.class)
public class LiveAgentEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(label = "common",
             description = "The operation: a producer operation, or messages for the consumer of chat events.",
             enums = "startChat,sessionId,chasitorInit,chatMessage,chasitorTyping,chasitorNotTyping,chasitorSneakPeek,"
                     + "customEvent,multiNoun,chatEnd,deleteSession,availability,settings,visitorId,breadcrumb,fileUpload,"
                     + "endSession,sendFile,acknowledgeDelivery,acknowledgeRead,messages")
    @Metadata(required = true)
    private LiveAgentOperation operation;

    @UriParam
    private LiveAgentConfiguration configuration;

    private volatile ChatServer server;
    private volatile SessionSettings sessionSettings;
    private volatile EnhancedChatSettings enhancedChatSettings;
    private Set<String> messageTypeFilter = Set.of();

    public LiveAgentEndpoint(String uri, LiveAgentComponent component, LiveAgentOperation operation,
                             LiveAgentConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public LiveAgentComponent getComponent() {
        return (LiveAgentComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (operation != LiveAgentOperation.messages) {
            // an operation the API lacks fails here, when the route starts, naming the API and the alternative
            api().check(operation);
            if (api() == LiveAgentApi.enhancedChat) {
                enhancedChatSettings = EnhancedChatSettings.of(configuration.getHostname(), configuration.isAllowInsecureHttp(),
                        configuration.getOrganizationId(), configuration.getEsDeveloperName(),
                        configuration.getCapabilitiesVersion(), configuration.getRequestTimeout(),
                        configuration.getMaxPollRetries(), configuration.getPollRetryDelay());
            } else {
                server = ChatServer.of(configuration.getHostname(), configuration.getApiVersion(),
                        configuration.isAllowInsecureHttp(), configuration.getAllowedSwitchHosts());
                sessionSettings = new SessionSettings(server, configuration.getOrganizationId(),
                        configuration.getRequestTimeout(),
                        configuration.getMaxPollRetries(), configuration.getPollRetryDelay(),
                        configuration.isChasitorIdleTimeout());
            }
        }
        messageTypeFilter = parseMessageTypes(configuration.getMessageTypes());
        checkPositive("establishTimeout", configuration.getEstablishTimeout());
        checkPositive("requestTimeout", configuration.getRequestTimeout());
        checkPositive("connectTimeout", configuration.getConnectTimeout());
        if (configuration.getMaxPollRetries() < 0) {
            throw new IllegalArgumentException("Option maxPollRetries must be 0 or more, was " + configuration.getMaxPollRetries());
        }
    }

    private static void checkPositive(String option, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("Option " + option + " must be a positive duration such as 30s, was " + millis + " ms");
        }
    }

    private static Set<String> parseMessageTypes(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : text.split(",")) {
            String type = t.trim();
            if (type.isEmpty()) {
                continue;
            }
            if (!MessageTypes.isKnown(type)) {
                throw new IllegalArgumentException("Option messageTypes names an unknown message type '" + type
                                                   + "'; known types are: " + String.join(", ", MessageTypes.knownTypes()));
            }
            types.add(type);
        }
        return Set.copyOf(types);
    }

    @Override
    public Producer createProducer() throws Exception {
        if (operation == LiveAgentOperation.messages) {
            throw new IllegalArgumentException(
                    "liveagent:messages is the consumer of chat events and cannot be used in to(); use a producer operation"
                                               + " such as startChat or chatMessage");
        }
        return api() == LiveAgentApi.enhancedChat ? new EnhancedChatProducer(this) : new LiveAgentProducer(this);
    }

    /** The API this endpoint talks (Live Agent when unset). */
    LiveAgentApi api() {
        return configuration.getApi() == null ? LiveAgentApi.liveAgent : configuration.getApi();
    }

    EnhancedChatSettings enhancedChatSettings() {
        return enhancedChatSettings;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != LiveAgentOperation.messages) {
            throw new IllegalArgumentException("liveagent:" + operation
                                               + " is a producer operation; consume chat events with from(\"liveagent:messages\")");
        }
        LiveAgentConsumer consumer = new LiveAgentConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Whether the consumer of this endpoint wants this message type. */
    boolean acceptsMessageType(String type) {
        return messageTypeFilter.isEmpty() || messageTypeFilter.contains(type);
    }

    /** Where this endpoint's calls go; switched when the server answers SwitchServer. */
    ChatServer server() {
        return server;
    }

    void switchServer(ChatServer newServer) {
        this.server = newServer;
        SessionSettings s = sessionSettings;
        this.sessionSettings = new SessionSettings(newServer, s.organizationId(), s.requestTimeoutMs(), s.maxPollRetries(), s.pollRetryDelayMs(),
                s.chasitorIdleTimeout());
    }

    SessionSettings sessionSettings() {
        return sessionSettings;
    }

    @Override
    public String getServiceUrl() {
        return server != null ? server.baseUri().toString()
                : enhancedChatSettings != null ? enhancedChatSettings.baseUri().toString() : configuration.getHostname();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    public LiveAgentOperation getOperation() {
        return operation;
    }

    public void setOperation(LiveAgentOperation operation) {
        this.operation = operation;
    }

    public LiveAgentConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LiveAgentConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String toString() {
        return "liveagent:" + operation;
    }
}
