package io.github.camelliveagent.component.model.message;

/**
 * One line of the chat transcript in ChasitorSessionData.
 *
 * @param type      {@code Agent}, {@code Chasitor} or {@code OperatorTransferred}
 * @param name      display name of the author
 * @param content   the text
 * @param timestamp epoch milliseconds
 * @param sequence  position in the transcript
 */
public record TranscriptEntry(String type, String name, String content, Long timestamp, Long sequence) {
}
