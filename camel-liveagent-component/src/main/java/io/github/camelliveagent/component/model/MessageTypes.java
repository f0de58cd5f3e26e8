package io.github.camelliveagent.component.model;

import io.github.camelliveagent.component.model.message.AgentDisconnect;
import io.github.camelliveagent.component.model.message.AgentJoinedConference;
import io.github.camelliveagent.component.model.message.AgentLeftConference;
import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.AsyncResult;
import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatResumedAfterTransfer;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.CustomEvent;
import io.github.camelliveagent.component.model.message.DeliveryAcknowledgement;
import io.github.camelliveagent.component.model.message.FileTransfer;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.NewVisitorBreadcrumb;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.ReadAcknowledgement;
import io.github.camelliveagent.component.model.message.ReconnectSession;
import io.github.camelliveagent.component.model.message.RichMessage;
import io.github.camelliveagent.component.model.message.SensitiveDataRules;
import io.github.camelliveagent.component.model.message.SessionStatusChanged;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.component.model.message.TransferToButtonInitiated;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import io.github.camelliveagent.component.model.message.VisitorId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place that maps wire message type names ({@code messages[].type}) to their records. Type names are
 * case-sensitive, as on the wire.
 */
public final class MessageTypes {

    private static final Map<String, Class<? extends LiveAgentMessage>> BY_NAME;
    private static final Map<Class<? extends LiveAgentMessage>, String> BY_CLASS;

    static {
        Map<String, Class<? extends LiveAgentMessage>> m = new LinkedHashMap<>();
        m.put(ChatRequestSuccess.TYPE, ChatRequestSuccess.class);
        m.put(ChatRequestFail.TYPE, ChatRequestFail.class);
        m.put(QueueUpdate.TYPE, QueueUpdate.class);
        m.put(ChatEstablished.TYPE, ChatEstablished.class);
        m.put(ChatMessage.TYPE, ChatMessage.class);
        m.put(AgentTyping.TYPE, AgentTyping.class);
        m.put(AgentNotTyping.TYPE, AgentNotTyping.class);
        m.put(AgentDisconnect.TYPE, AgentDisconnect.class);
        m.put(ChatTransferred.TYPE, ChatTransferred.class);
        m.put(ChatEnded.TYPE, ChatEnded.class);
        m.put(CustomEvent.TYPE, CustomEvent.class);
        m.put(NewVisitorBreadcrumb.TYPE, NewVisitorBreadcrumb.class);
        m.put(ChasitorSessionData.TYPE, ChasitorSessionData.class);
        m.put(SensitiveDataRules.TYPE, SensitiveDataRules.class);
        m.put(FileTransfer.TYPE, FileTransfer.class);
        m.put(TransferToButtonInitiated.TYPE, TransferToButtonInitiated.class);
        m.put(ChatResumedAfterTransfer.TYPE, ChatResumedAfterTransfer.class);
        m.put(AgentJoinedConference.TYPE, AgentJoinedConference.class);
        m.put(AgentLeftConference.TYPE, AgentLeftConference.class);
        m.put(RichMessage.TYPE, RichMessage.class);
        m.put(AsyncResult.TYPE, AsyncResult.class);
        m.put(SwitchServer.TYPE, SwitchServer.class);
        m.put(ReconnectSession.TYPE, ReconnectSession.class);
        m.put(Availability.TYPE, Availability.class);
        m.put(Settings.TYPE, Settings.class);
        m.put(VisitorId.TYPE, VisitorId.class);
        // made by the component (visitor idle time-out), never sent by the server; known so that routes can filter on it
        m.put(ChasitorIdleTimeoutWarning.TYPE, ChasitorIdleTimeoutWarning.class);
        // Enhanced Chat only (api=enhancedChat): receipts and session status, which Live Agent does not have
        m.put(DeliveryAcknowledgement.TYPE, DeliveryAcknowledgement.class);
        m.put(ReadAcknowledgement.TYPE, ReadAcknowledgement.class);
        m.put(SessionStatusChanged.TYPE, SessionStatusChanged.class);
        BY_NAME = Map.copyOf(m);
        Map<Class<? extends LiveAgentMessage>, String> c = new LinkedHashMap<>();
        m.forEach((name, type) -> c.put(type, name));
        BY_CLASS = Map.copyOf(c);
    }

    private MessageTypes() {
    }

    /**
     * @param type a wire type name
     * @return its record class, or {@code null} when the type is not known (it is then read as {@link UnknownMessage})
     */
    public static Class<? extends LiveAgentMessage> classFor(String type) {
        return type == null ? null : BY_NAME.get(type);
    }

    /**
     * @param type a wire type name
     * @return whether {@link #classFor(String)} knows it
     */
    public static boolean isKnown(String type) {
        return classFor(type) != null;
    }

    /**
     * @param messageClass a record class (not {@link UnknownMessage})
     * @return its wire type name, or {@code null} when the class is not mapped
     */
    public static String typeOf(Class<? extends LiveAgentMessage> messageClass) {
        return BY_CLASS.get(messageClass);
    }

    /**
     * @return every known wire type name (unmodifiable)
     */
    public static Set<String> knownTypes() {
        return BY_NAME.keySet();
    }
}
