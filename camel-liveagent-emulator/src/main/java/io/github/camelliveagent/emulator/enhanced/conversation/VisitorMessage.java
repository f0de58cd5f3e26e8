package io.github.camelliveagent.emulator.enhanced.conversation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A validated end-user message (or file message) as the resources hand it to its {@link Conversation}.
 *
 * @param id                the client's message id (a lowercase UUID v4); becomes the entry's identifier
 * @param abstractMessage   the message as the stream will show it ({@code messageType}, {@code staticContent}, …)
 * @param text              what the agent reads: the text, the chosen option, or the file's caption/name
 * @param newSession        {@code isNewMessagingSession}
 * @param routingAttributes pre-chat values for a new session, empty when none
 * @param rawBody           the request body as received, for the transcript
 */
public record VisitorMessage(String id, ObjectNode abstractMessage, String text, boolean newSession,
                             Map<String, String> routingAttributes, String rawBody) {
}
