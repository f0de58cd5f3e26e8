package io.github.camelliveagent.component.cluster;

/**
 * How a shared call ended: sent (the server's status) or refused (the error, as the owner's exception said it).
 *
 * @param callId  the call
 * @param success whether the server accepted it
 * @param status  the server's HTTP status, 0 when the server was not reached
 * @param error   why it failed, or null
 * @param state   the chat's state on the owner after the call (for the producer's header), or null
 */
public record SharedCallOutcome(String callId, boolean success, int status, String error, String state) {
}
