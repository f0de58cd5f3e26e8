package io.github.camelliveagent.component.session.store;

import java.util.List;

import javax.sql.DataSource;

import io.github.camelliveagent.component.session.SessionSnapshot;

/**
 * A session store that several nodes share (high availability): every chat is saved with the cluster shard that owns
 * it, and a node that becomes a shard's owner loads that shard's chats to take them over.
 */
public interface SharedSessionStore extends SessionStore {

    /** Every saved session of one shard, ended ones included (the caller skips what is finished). */
    List<SessionSnapshot> loadShard(int shard) throws Exception;

    /** One saved session, or null when the store does not hold it (or cannot read it back). */
    SessionSnapshot load(String sessionId) throws Exception;

    /** The shard a saved session belongs to, or -1 when the store does not hold it. */
    int shardOf(String sessionId) throws Exception;

    /** The database the nodes share (the cluster's shared outbox lives there too). */
    DataSource dataSource();
}
