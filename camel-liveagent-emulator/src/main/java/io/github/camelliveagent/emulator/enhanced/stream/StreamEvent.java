package io.github.camelliveagent.emulator.enhanced.stream;

/**
 * One event of an end user's stream, as it goes on the wire.
 *
 * @param id             its {@code id:}, increasing across the whole emulator
 * @param name           its {@code event:} ({@code CONVERSATION_MESSAGE}, …)
 * @param conversationId the conversation it belongs to
 * @param data           its {@code data:}, one line of JSON
 */
public record StreamEvent(long id, String name, String conversationId, String data) {

    /** The SSE frame: {@code id:}, {@code event:}, {@code data:} lines and the blank line that ends it. */
    public String frame() {
        return "id:" + id + "\nevent:" + name + "\ndata:" + data + "\n\n";
    }
}
