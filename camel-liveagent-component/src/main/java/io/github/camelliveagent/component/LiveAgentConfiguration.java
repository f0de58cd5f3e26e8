package io.github.camelliveagent.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a liveagent endpoint. Set at component level, they are the defaults of every endpoint; an
 * endpoint URI overrides them one by one.
 */
@UriParams
public class LiveAgentConfiguration implements Cloneable {

    // not marked required: the consumer (liveagent:messages) ignores it; every producer operation fails to start
    // without it, naming the option
    @UriParam(label = "producer",
              description = "The Chat API endpoint of the org (in Setup: Chat Settings, Chat API Endpoint; without the"
                            + " trailing /chat/rest/), e.g. https://d.la1-c1-xyz.salesforceliveagent.com. A bare host"
                            + " name means https. Plain http is refused unless the host is a loopback address or"
                            + " allowInsecureHttp is true. Required by every producer operation; the consumer ignores it."
                            + " With api=enhancedChat: the deployment's SCRT2 URL (Code Snippet: Url), e.g."
                            + " https://mydomain.my.salesforce-scrt.com.")
    private String hostname;

    @UriParam(label = "producer", defaultValue = "liveAgent", enums = "liveAgent,enhancedChat",
              description = "The Salesforce API: liveAgent (legacy Chat REST API) or enhancedChat (Enhanced Chat, formerly"
                            + " Messaging for In-App and Web, v2 REST API and its event stream). With enhancedChat the"
                            + " hostname is the SCRT2 URL and esDeveloperName is required; deploymentId, buttonId and the"
                            + " Live Agent operations it lacks (sessionId, chasitorInit, sneak peek, custom events,"
                            + " multiNoun, deleteSession, availability, settings, visitorId, breadcrumb, fileUpload) are"
                            + " refused when the route starts. The consumer receives the events of both.")
    private LiveAgentApi api = LiveAgentApi.liveAgent;

    @UriParam(label = "producer",
              description = "Enhanced Chat: the API name of the Custom Client deployment (Setup, Embedded Service"
                            + " Deployments, Code Snippet: DeveloperName), sent as esDeveloperName. Required with"
                            + " api=enhancedChat.")
    private String esDeveloperName;

    @UriParam(label = "producer", defaultValue = "1",
              description = "Enhanced Chat: the capabilitiesVersion declared when the access token is requested (the"
                            + " client's feature level; Salesforce's sample client sends 1).")
    private String capabilitiesVersion = "1";

    @UriParam(label = "producer", defaultValue = "52",
              description = "The API version sent as X-LIVEAGENT-API-VERSION on every call (an integer, 29 or later;"
                            + " 47 or later adds estimated wait times).")
    private String apiVersion = "52";

    @UriParam(label = "producer",
              description = "The Salesforce organization id (15 or 18 characters, starting 00D). Required by startChat,"
                            + " chasitorInit, availability, settings and visitorId unless the ChasitorInit body brings it."
                            + " Enhanced Chat is sent the 15-character form, which its event stream demands.")
    private String organizationId;

    @UriParam(label = "producer",
              description = "The chat deployment id (15 or 18 characters, starting 572).")
    private String deploymentId;

    @UriParam(label = "producer",
              description = "The chat button id (15 or 18 characters, starting 573) that routes the chat request; also the"
                            + " default id for"
                            + " the availability and settings operations.")
    private String buttonId;

    @UriParam(label = "producer",
              description = "Optional agent id (starting 005) for direct-to-agent routing in ChasitorInit.")
    private String agentId;

    @UriParam(label = "producer", defaultValue = "Visitor",
              description = "The visitor name shown to the agent (ChasitorInit visitorName).")
    private String visitorName = "Visitor";

    @UriParam(label = "producer", defaultValue = "en-US",
              description = "The visitor's language (ChasitorInit language).")
    private String language = "en-US";

    @UriParam(label = "producer", defaultValue = "camel-liveagent",
              description = "The visitor's user agent (ChasitorInit userAgent).")
    private String userAgent = "camel-liveagent";

    @UriParam(label = "producer", defaultValue = "n/a",
              description = "The visitor's screen resolution (ChasitorInit screenResolution).")
    private String screenResolution = "n/a";

    @UriParam(label = "producer", defaultValue = "true",
              description = "Whether the server should send QueueUpdate events while the chat waits in the queue.")
    private boolean receiveQueueUpdates = true;

    @UriParam(label = "producer", defaultValue = "5m", javaType = "java.time.Duration",
              description = "How long chat activity (chatMessage, typing, sneak peek, custom events) sent before the"
                            + " agent accepted the chat waits for ChatEstablished before it fails.")
    private long establishTimeout = 5 * 60_000L;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Apply the visitor idle time-out that ChatEstablished announces (chasitorIdleTimeout, API 35+):"
                            + " after warningTime seconds without visitor activity the server is told"
                            + " (ChasitorIdleTimeoutWarningEvent) and the routes receive a ChasitorIdleTimeoutWarning event;"
                            + " after timeout seconds the chat ends with reason clientIdleTimeout. Applies to the sessions"
                            + " this endpoint starts.")
    private boolean chasitorIdleTimeout;

    @UriParam(label = "producer,advanced", defaultValue = "30s", javaType = "java.time.Duration",
              description = "Response timeout of every call except the Messages long poll, whose timeout follows the"
                            + " server's clientPollTimeout.")
    private long requestTimeout = 30_000L;

    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
              description = "Connect timeout of every call. The component's sessions share one HTTP client, so only the"
                            + " value set on the component counts; an endpoint's value is checked but not applied.")
    private long connectTimeout = 10_000L;

    @UriParam(label = "producer,advanced", defaultValue = "5",
              description = "How many times in a row a Messages poll that failed on the network is retried before the"
                            + " session is given up; the delays grow from pollRetryDelay and stay within the server's"
                            + " clientPollTimeout.")
    private int maxPollRetries = 5;

    @UriParam(label = "producer,advanced", defaultValue = "500ms", javaType = "java.time.Duration",
              description = "The first delay before a failed Messages poll is retried; each further retry doubles it.")
    private long pollRetryDelay = 500L;

    @UriParam(label = "producer,security", defaultValue = "false",
              description = "Allow plain http to a host that is not a loopback address. Only for test servers: the"
                            + " session key travels in a header.")
    private boolean allowInsecureHttp;

    @UriParam(label = "security",
              description = "Hosts besides Salesforce's chat hosts (sub-domains of salesforceliveagent.com and"
                            + " salesforce-scrt.com) that a SwitchServer message may move a session to, comma-separated;"
                            + " an entry starting with a dot, such as .example.com, allows every sub-domain of example.com."
                            + " The session key goes with the session, so a switch is followed only under the hostname rules"
                            + " (https, or plain http to a loopback host or with allowInsecureHttp) and only to such a host,"
                            + " the configured hostname's host, or a loopback host when the hostname is one (an emulator);"
                            + " a refused switch keeps the current server and logs a WARN saying why. Sessions restored from"
                            + " a session store are checked the same way.")
    private String allowedSwitchHosts;

    @UriParam(label = "consumer",
              description = "Comma-separated server message types to consume, e.g. ChatEstablished,ChatMessage,ChatEnded;"
                            + " all types when empty.")
    private String messageTypes;

    public LiveAgentApi getApi() {
        return api;
    }

    public void setApi(LiveAgentApi api) {
        this.api = api;
    }

    public String getEsDeveloperName() {
        return esDeveloperName;
    }

    public void setEsDeveloperName(String esDeveloperName) {
        this.esDeveloperName = esDeveloperName;
    }

    public String getCapabilitiesVersion() {
        return capabilitiesVersion;
    }

    public void setCapabilitiesVersion(String capabilitiesVersion) {
        this.capabilitiesVersion = capabilitiesVersion;
    }

    public String getAllowedSwitchHosts() {
        return allowedSwitchHosts;
    }

    public void setAllowedSwitchHosts(String allowedSwitchHosts) {
        this.allowedSwitchHosts = allowedSwitchHosts;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(String deploymentId) {
        this.deploymentId = deploymentId;
    }

    public String getButtonId() {
        return buttonId;
    }

    public void setButtonId(String buttonId) {
        this.buttonId = buttonId;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    public String getVisitorName() {
        return visitorName;
    }

    public void setVisitorName(String visitorName) {
        this.visitorName = visitorName;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    public String getScreenResolution() {
        return screenResolution;
    }

    public void setScreenResolution(String screenResolution) {
        this.screenResolution = screenResolution;
    }

    public boolean isReceiveQueueUpdates() {
        return receiveQueueUpdates;
    }

    public void setReceiveQueueUpdates(boolean receiveQueueUpdates) {
        this.receiveQueueUpdates = receiveQueueUpdates;
    }

    public long getEstablishTimeout() {
        return establishTimeout;
    }

    public void setEstablishTimeout(long establishTimeout) {
        this.establishTimeout = establishTimeout;
    }

    public boolean isChasitorIdleTimeout() {
        return chasitorIdleTimeout;
    }

    public void setChasitorIdleTimeout(boolean chasitorIdleTimeout) {
        this.chasitorIdleTimeout = chasitorIdleTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getMaxPollRetries() {
        return maxPollRetries;
    }

    public void setMaxPollRetries(int maxPollRetries) {
        this.maxPollRetries = maxPollRetries;
    }

    public long getPollRetryDelay() {
        return pollRetryDelay;
    }

    public void setPollRetryDelay(long pollRetryDelay) {
        this.pollRetryDelay = pollRetryDelay;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public String getMessageTypes() {
        return messageTypes;
    }

    public void setMessageTypes(String messageTypes) {
        this.messageTypes = messageTypes;
    }

    public LiveAgentConfiguration copy() {
        try {
            return (LiveAgentConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
