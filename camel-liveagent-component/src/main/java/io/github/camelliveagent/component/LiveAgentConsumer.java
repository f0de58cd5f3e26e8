package io.github.camelliveagent.component;

import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.poll.EventSink;
import io.github.camelliveagent.component.poll.SessionEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.DefaultConsumer;

/**
 * The {@code liveagent:messages} consumer: one exchange per server message, for every session of its component. The
 * poller acknowledges an event to the server only after this consumer's exchange for it completed without
 * exception, so a failed exchange gets its event again.
 */
public class LiveAgentConsumer extends DefaultConsumer implements EventSink {

    public LiveAgentConsumer(LiveAgentEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public LiveAgentEndpoint getEndpoint() {
        return (LiveAgentEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // as Camel's consumers do: Camel's consumers repository reports it as consumer:<routeId>
        if (HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "consumers") != null) {
            LiveAgentComponent component = getEndpoint().getComponent();
            HealthCheck check = component.newHealthCheck(component.name() + "-consumer-" + getRouteId());
            check.setEnabled(component.isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        getEndpoint().getComponent().dispatcher().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (getEndpoint().getComponent().dispatcher() != null) {
            getEndpoint().getComponent().dispatcher().unregister(this);
        }
        super.doStop();
    }

    @Override
    public boolean isOpen() {
        return isRunAllowed() && !isSuspendingOrSuspended();
    }

    @Override
    public boolean accepts(String messageType) {
        return getEndpoint().acceptsMessageType(messageType);
    }

    @Override
    public CompletableFuture<Boolean> deliver(SessionEvent event) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(event.message());
        exchange.getMessage().setHeader(LiveAgentConstants.SESSION_ID, event.sessionId());
        exchange.getMessage().setHeader(LiveAgentConstants.MESSAGE_TYPE, event.message().type());
        exchange.getMessage().setHeader(LiveAgentConstants.SEQUENCE, event.index());
        exchange.getMessage().setHeader(LiveAgentConstants.REDELIVERED, event.redelivered());
        if (event.correlationId() != null) {
            exchange.getMessage().setHeader(LiveAgentConstants.CORRELATION_ID, event.correlationId());
        }
        if (event.entryId() != null) {
            exchange.getMessage().setHeader(LiveAgentConstants.ENTRY_ID, event.entryId());
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            boolean ok = exchange.getException() == null && !exchange.isRollbackOnly();
            try {
                if (!ok && exchange.getException() != null) {
                    getExceptionHandler().handleException("Error processing liveagent event " + event.message().type()
                                                          + " #" + event.index() + " of session " + event.sessionId()
                                                          + "; it will be delivered again",
                            exchange, exchange.getException());
                }
            } finally {
                releaseExchange(exchange, false);
                done.complete(ok);
            }
        });
        return done;
    }
}
