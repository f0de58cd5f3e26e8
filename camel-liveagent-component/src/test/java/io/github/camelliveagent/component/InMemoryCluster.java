package io.github.camelliveagent.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * A cluster engine for several nodes in one JVM (test only): per namespace the first node to join leads, and when the
 * leader leaves (its view stops) or its node is cut off ({@link #cutOff}), the next one in line leads. The real engines
 * (file lock, ZooKeeper) run in the multi-JVM failover test; this one lets a test move shards at a known moment.
 */
final class InMemoryCluster {

    private final Map<String, List<Node.View>> lines = new HashMap<>();

    /** A node of this cluster: a CamelClusterService for one CamelContext. */
    Node node(String name) {
        return new Node(name);
    }

    /** The node is cut off as if it had died: every line it stood in moves on, and it hears it leads nothing. */
    void cutOff(Node node) {
        List<Node.View> changed = new ArrayList<>();
        synchronized (this) {
            for (List<Node.View> line : lines.values()) {
                if (!line.isEmpty() && line.get(0).node() == node) {
                    changed.add(line.get(0));
                    line.remove(0);
                    if (!line.isEmpty()) {
                        changed.add(line.get(0));
                    }
                }
                line.removeIf(v -> v.node() == node);
            }
            node.cut = true;
        }
        announce(changed);
    }

    private void join(Node.View view) {
        boolean leads;
        synchronized (this) {
            if (view.node().cut) {
                return;
            }
            List<Node.View> line = lines.computeIfAbsent(view.getNamespace(), n -> new ArrayList<>());
            line.add(view);
            leads = line.get(0) == view;
        }
        if (leads) {
            announce(List.of(view));
        }
    }

    private void leave(Node.View view) {
        Node.View next = null;
        synchronized (this) {
            List<Node.View> line = lines.getOrDefault(view.getNamespace(), new ArrayList<>());
            boolean led = !line.isEmpty() && line.get(0) == view;
            line.remove(view);
            if (led && !line.isEmpty()) {
                next = line.get(0);
            }
        }
        if (next != null) {
            announce(List.of(next));
        }
    }

    private synchronized Optional<CamelClusterMember> leader(String namespace) {
        List<Node.View> line = lines.get(namespace);
        return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.get(0).member);
    }

    private void announce(List<Node.View> views) {
        for (Node.View v : views) {
            v.leadershipChanged(leader(v.getNamespace()));
        }
    }

    final class Node extends AbstractCamelClusterService<Node.View> {
        private volatile boolean cut;

        Node(String name) {
            super(name);
        }

        @Override
        protected View createView(String namespace) {
            return new View(namespace);
        }

        final class View extends AbstractCamelClusterView {
            private final CamelClusterMember member = new CamelClusterMember() {
                @Override
                public boolean isLeader() {
                    return leader(getNamespace()).map(m -> m == this).orElse(false);
                }

                @Override
                public boolean isLocal() {
                    return true;
                }

                @Override
                public String getId() {
                    return Node.this.getId();
                }
            };

            View(String namespace) {
                super(Node.this, namespace);
            }

            Node node() {
                return Node.this;
            }

            void leadershipChanged(Optional<CamelClusterMember> leader) {
                // as seen from this node: the leader is local only if it is this view's member
                fireLeadershipChangedEvent(leader.filter(m -> m == member).map(m -> (CamelClusterMember) m)
                        .or(() -> leader.map(Remote::new)));
            }

            @Override
            public Optional<CamelClusterMember> getLeader() {
                return leader(getNamespace()).map(m -> m == member ? m : new Remote(m));
            }

            @Override
            public CamelClusterMember getLocalMember() {
                return member;
            }

            @Override
            public List<CamelClusterMember> getMembers() {
                return List.of(member);
            }

            @Override
            protected void doStart() {
                join(this);
            }

            @Override
            protected void doStop() {
                leave(this);
            }
        }
    }

    /** Another node's member, as a node sees it. */
    private record Remote(CamelClusterMember of) implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return true;
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public String getId() {
            return of.getId();
        }
    }

}
