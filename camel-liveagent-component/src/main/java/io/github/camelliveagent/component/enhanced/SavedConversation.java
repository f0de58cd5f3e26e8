package io.github.camelliveagent.component.enhanced;

import java.util.List;
import java.util.Map;

/**
 * What a restarted application needs to resume an Enhanced Chat conversation: its id, its access token, where its
 * stream resumes, the mapping state and the event numbering. The deployment (host, org, deployment name) is not saved:
 * a conversation resumes only on the component's configured deployment, so that an altered store cannot send a token
 * elsewhere. {@link #toString()} never shows the token.
 *
 * @param conversationId     the conversation id
 * @param correlationId      the route's correlation id, or null
 * @param accessToken        the access token (a JWT)
 * @param lastEventId        the stream position the routes processed
 * @param lastEntryTimestamp when the latest entry the routes processed was recorded (epoch ms)
 * @param nextIndex          the next CamelLiveAgentSequence number
 * @param progress           the mapping state: joined, transferPending, ended, closed
 * @param routingAttributes  the pre-chat fields the conversation was started with
 * @param processedEntries   identifiers of the entries the routes processed lately (not handed over again)
 */
public record SavedConversation(String conversationId, String correlationId, String accessToken, String lastEventId,
                                long lastEntryTimestamp, long nextIndex, boolean[] progress,
                                Map<String, String> routingAttributes, List<String> processedEntries) {

    @Override
    public String toString() {
        return "SavedConversation[" + conversationId + ", lastEventId=" + lastEventId + "]";
    }
}
