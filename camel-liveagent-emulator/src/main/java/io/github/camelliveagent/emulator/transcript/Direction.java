package io.github.camelliveagent.emulator.transcript;

/** Who produced a {@link TranscriptEntry}. */
public enum Direction {
    /** A POST sent by the visitor's client and accepted by the emulator. */
    VISITOR,
    /** An event the emulator put into the session's Messages stream. */
    SERVER
}
