-- The transcript tables of example 3. Plain SQL; IF NOT EXISTS makes it safe to run at every start.
CREATE TABLE IF NOT EXISTS chat_transcript (
    session_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    visitor_name VARCHAR(200),
    agent_name   VARCHAR(200),
    started_at   TIMESTAMP,
    ended_at     TIMESTAMP    NOT NULL,
    end_reason   VARCHAR(200)
);

CREATE TABLE IF NOT EXISTS chat_transcript_line (
    session_id   VARCHAR(100)  NOT NULL,
    line_no      INTEGER       NOT NULL,
    said_at      TIMESTAMP     NOT NULL,
    speaker      VARCHAR(20)   NOT NULL,
    speaker_name VARCHAR(200),
    message      VARCHAR(10000),
    PRIMARY KEY (session_id, line_no)
);
