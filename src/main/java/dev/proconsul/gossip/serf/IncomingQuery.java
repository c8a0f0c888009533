package dev.proconsul.gossip.serf;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A query delivered to us: answers go straight to the asker over UDP, plus relayed copies if asked for. */
final class IncomingQuery implements Query {
    /** How a response leaves this node (Serf's direct send plus relays). */
    interface Responder {
        void send(InetSocketAddress asker, int relayFactor, SerfMessage.QueryResponseMsg response)
                throws IOException;
    }

    private final SerfMessage.QueryMsg msg;
    private final InetSocketAddress asker;
    private final String localName;
    private final int sizeLimit;
    private final Responder responder;
    private final long deadlineNanos;
    private boolean responded;

    IncomingQuery(SerfMessage.QueryMsg msg, InetSocketAddress asker, String localName, int sizeLimit,
                  Responder responder) {
        this.msg = msg;
        this.asker = asker;
        this.localName = localName;
        this.sizeLimit = sizeLimit;
        this.responder = responder;
        this.deadlineNanos = System.nanoTime() + Math.max(0, msg.timeoutNanos());
    }

    @Override
    public long ltime() {
        return msg.ltime();
    }

    @Override
    public String name() {
        return msg.name();
    }

    @Override
    public byte[] payload() {
        return msg.payload() == null ? new byte[0] : msg.payload().clone();
    }

    @Override
    public String sourceNode() {
        return msg.sourceNode();
    }

    @Override
    public synchronized void respond(byte[] payload) throws IOException {
        if (responded) {
            throw new IOException("response already sent");
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new IOException("response is past the deadline");
        }
        SerfMessage.QueryResponseMsg r = new SerfMessage.QueryResponseMsg(msg.ltime(), msg.id(), localName, 0,
                payload == null ? new byte[0] : payload);
        if (r.encode().length > sizeLimit) {
            throw new IOException("response exceeds limit of " + sizeLimit + " bytes");
        }
        responder.send(asker, msg.relayFactor(), r);
        responded = true;
    }
}
