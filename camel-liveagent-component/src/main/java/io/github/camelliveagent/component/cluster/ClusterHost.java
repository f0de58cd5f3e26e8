package io.github.camelliveagent.component.cluster;

import java.util.Collection;
import java.util.List;

import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.session.SessionSnapshot;

/** What the cluster coordinator asks of the component that holds the chats. */
public interface ClusterHost {

    /** Takes saved chats over: they are registered and polled here. Returns how many were resumed. */
    int resume(List<SessionSnapshot> saved);

    /** The chats this node holds now. */
    Collection<ChatSession> held();

    /** The chat this node holds under that id, or null. */
    ChatSession find(String sessionId);

    /** Gives a chat up to another node: no poll, no save, no ChatEnded here any more. */
    void release(ChatSession session);
}
