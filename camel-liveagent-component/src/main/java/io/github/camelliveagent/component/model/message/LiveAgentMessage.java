package io.github.camelliveagent.component.model.message;

/**
 * One server event as delivered in {@code messages[]} of a {@code System/Messages} (or Visitor/ReconnectSession)
 * reply: the wire envelope is {@code {"type": "<type()>", "message": {...this record's fields...}}}.
 * <p>
 * Every known wire type has its own record named exactly like the type; anything else is read as
 * {@link UnknownMessage}, never as an error. The mapping from wire names to classes lives in
 * {@link io.github.camelliveagent.component.model.MessageTypes}.
 */
public sealed interface LiveAgentMessage
        permits ChatRequestSuccess, ChatRequestFail, QueueUpdate, ChatEstablished, ChatMessage, AgentTyping,
        AgentNotTyping, AgentDisconnect, ChatTransferred, ChatEnded, CustomEvent, NewVisitorBreadcrumb,
        ChasitorSessionData, SensitiveDataRules, FileTransfer, TransferToButtonInitiated, ChatResumedAfterTransfer,
        AgentJoinedConference, AgentLeftConference, RichMessage, AsyncResult, SwitchServer, ReconnectSession,
        Availability, Settings, VisitorId, ChasitorIdleTimeoutWarning, DeliveryAcknowledgement, ReadAcknowledgement,
        SessionStatusChanged, UnknownMessage {

    /**
     * @return the wire type name of this message (the envelope's {@code type}), e.g. {@code "ChatMessage"}
     */
    String type();
}
