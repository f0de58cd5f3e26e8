package io.github.camelliveagent.component.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the fixed number of shards this node owns, as the cluster service's leader elections say: each shard is
 * the cluster namespace {@code <namespace>-<n>}, so that chats move between nodes shard by shard. Changes are reported
 * in order on one executor, never on the cluster engine's own threads.
 */
public final class ShardOwnership extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ShardOwnership.class);

    /** Hears of shards this node gains and loses; called on the ownership executor, one change at a time. */
    public interface Listener {
        void gained(int shard);

        void lost(int shard);
    }

    private final CamelContext context;
    private final CamelClusterService service;
    private final String namespace;
    private final int shards;
    private final Executor executor;
    private final Listener listener;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final List<CamelClusterView> views = new ArrayList<>();
    private final AtomicInteger nextPick = new AtomicInteger();

    public ShardOwnership(CamelContext context, CamelClusterService service, String namespace, int shards,
                          Executor executor, Listener listener) {
        this.context = context;
        this.service = service;
        this.namespace = namespace;
        this.shards = shards;
        this.executor = executor;
        this.listener = listener;
    }

    /** The cluster namespace of a shard. */
    public String namespace(int shard) {
        return namespace + "-" + shard;
    }

    public int shards() {
        return shards;
    }

    @Override
    protected void doStart() throws Exception {
        if (service.getCamelContext() == null) {
            service.setCamelContext(context);
        }
        ServiceHelper.startService(service);
        for (int i = 0; i < shards; i++) {
            int shard = i;
            CamelClusterView view = service.getView(namespace(shard));
            view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> changed(shard, leader));
            views.add(view);
            ServiceHelper.startService(view);
            // the election may be over before the listener was added
            changed(shard, view.getLeader().orElse(null));
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the component has stopped its chats and saved them before this: giving the views up hands them over at once
        for (CamelClusterView view : views) {
            try {
                service.releaseView(view);
            } catch (Exception e) {
                LOG.warn("Could not release the cluster view {}: {}", view.getNamespace(), e.toString());
            }
        }
        views.clear();
        owned.clear();
    }

    private void changed(int shard, CamelClusterMember leader) {
        boolean mine = Optional.ofNullable(leader).map(CamelClusterMember::isLocal).orElse(false);
        executor.execute(() -> {
            if (mine && !isStoppingOrStopped() && owned.add(shard)) {
                LOG.info("This node owns shard {} ({}) now", shard, namespace(shard));
                listener.gained(shard);
            } else if (!mine && owned.remove(shard)) {
                LOG.info("This node no longer owns shard {} ({})", shard, namespace(shard));
                listener.lost(shard);
            }
        });
    }

    /**
     * Hands a shard this node owns to the other nodes (it owns more than its fair share): its chats are given up,
     * then its election left; this node stands for it again after the given time, so that another node wins it first.
     */
    public void giveUp(int shard, io.github.camelliveagent.component.session.Timer timer, long standAgainAfterMs) {
        executor.execute(() -> {
            if (!owned.remove(shard)) {
                return;
            }
            LOG.info("This node gives shard {} ({}) up to spread the chats over the nodes", shard, namespace(shard));
            listener.lost(shard);
            try {
                service.stopView(namespace(shard));
            } catch (Exception e) {
                LOG.warn("Could not leave the election of {}: {}", namespace(shard), e.toString());
            }
            timer.schedule(() -> executor.execute(() -> {
                if (isStoppingOrStopped()) {
                    return;
                }
                try {
                    service.startView(namespace(shard));
                } catch (Exception e) {
                    LOG.warn("Could not stand again in the election of {}: {}", namespace(shard), e.toString());
                }
            }), standAgainAfterMs);
        });
    }

    /** Whether this node owns the shard now. */
    public boolean owns(int shard) {
        return owned.contains(shard);
    }

    /** The shards this node owns now, in order. */
    public java.util.NavigableSet<Integer> owned() {
        return new TreeSet<>(owned);
    }

    /**
     * The shard of a new chat: one this node owns, in turn (so that a node keeps the chats it starts and spreads them
     * over its shards); when it owns none, the shard the chat's id hashes to, whose owner takes the chat over.
     */
    public int pick(String sessionId) {
        List<Integer> mine = new ArrayList<>(owned());
        if (!mine.isEmpty()) {
            return mine.get(Math.floorMod(nextPick.getAndIncrement(), mine.size()));
        }
        return Math.floorMod(sessionId.hashCode(), shards);
    }
}
