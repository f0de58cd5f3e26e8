package io.github.camelliveagent.examples.bot;

/**
 * The JMS properties of the visitor channel: the queues {@code visitor.in} (what visitors type) and
 * {@code visitor.out} (what they are shown). The body is always the plain text.
 */
public final class VisitorChannel {

    /** In and out: identifies the visitor's conversation; the out message repeats the in message's value. */
    public static final String VISITOR_ID = "visitorId";
    /** In, optional: the visitor's name, shown to the agent. */
    public static final String VISITOR_NAME = "visitorName";
    /** Out: who speaks, {@code bot}, {@code agent} or {@code system} (status lines such as "… is typing"). */
    public static final String SENDER = "sender";
    /** Out: the bot's or the agent's display name. */
    public static final String SENDER_NAME = "senderName";
    /** Out, on system lines: {@code connecting}, {@code agentJoined}, {@code agentTyping}, {@code chatEnded} or {@code noAgent}. */
    public static final String EVENT = "event";

    private VisitorChannel() {
    }
}
