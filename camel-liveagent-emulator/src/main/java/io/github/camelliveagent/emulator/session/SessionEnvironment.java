package io.github.camelliveagent.emulator.session;

import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.agent.Availability;
import io.github.camelliveagent.emulator.fault.FaultSettings;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every session shares with the emulator: timers, settings, availability, global faults, the agent.
 *
 * @param scheduler         event-loop timers
 * @param holdTime          how long a Messages poll is held before 204
 * @param clientPollTimeout gap without a poll after which a session expires
 * @param availability      button/agent availability
 * @param globalFaults      faults that apply to every session
 * @param agent             the simulated agent
 * @param baseUrl           the emulator's base URL (for FileTransfer URLs)
 * @param sequenceModel     what a Messages reply's {@code sequence} counts
 * @param visitorIdleTimeout the customer time-out announced and enforced, or null for none
 * @param queueAdvance      how queued chats move up on their own, or null for a queue that moves only when told
 * @param abandonedPolls    whether a poll whose client went away keeps its slot
 */
public record SessionEnvironment(Scheduler scheduler, Duration holdTime, Duration clientPollTimeout,
                                 Availability availability, FaultSettings globalFaults, AgentBehaviour agent,
                                 Supplier<String> baseUrl, SequenceModel sequenceModel,
                                 VisitorIdleTimeout visitorIdleTimeout, QueueAdvance queueAdvance,
                                 AbandonedPolls abandonedPolls) {
}
