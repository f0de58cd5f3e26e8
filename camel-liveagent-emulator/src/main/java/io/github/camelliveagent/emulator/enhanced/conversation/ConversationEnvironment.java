package io.github.camelliveagent.emulator.enhanced.conversation;

import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.stream.EventBook;
import io.github.camelliveagent.emulator.enhanced.stream.StreamSignals;
import io.github.camelliveagent.emulator.enhanced.token.AccessTokens;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.Scheduler;

import java.util.function.Supplier;

/**
 * What every conversation shares with the emulator.
 *
 * @param scheduler      event-loop timers and deferred work
 * @param settings       the Enhanced Chat settings
 * @param agent          the simulated agent (the same behaviours as for Live Agent)
 * @param globalFaults   faults for every call and conversation
 * @param events         the end users' event logs
 * @param streams        the open event streams, told about new events and faults
 * @param tokens         the issued tokens (for the {@code expire} fault)
 * @param channelAddress the deployment's messaging channel id, in every event envelope
 * @param baseUrl        the emulator's base URL (for attachment links)
 * @param files          the files sent in conversations, served by their links
 */
public record ConversationEnvironment(Scheduler scheduler, EnhancedChatSettings settings, AgentBehaviour agent,
                                      FaultSettings globalFaults, EventBook events, StreamSignals streams,
                                      AccessTokens tokens, String channelAddress,
                                      Supplier<String> baseUrl, SentFiles files) {
}
