package dev.proconsul.agent;

import dev.proconsul.structs.UserEvent;

/**
 * How this agent sends user events to the datacenter and where the ones it receives land. For now delivery is
 * local ({@link LocalUserEventBus}); the gossip layer will implement this by broadcasting through Serf and handing
 * what arrives to the same {@link UserEventInbox}, so the HTTP endpoints and the CLI do not change.
 */
public interface UserEventBus {
    /**
     * Validates and sends an event.
     *
     * @param request the name, payload and filters (see {@link UserEvent#request})
     * @return the event as sent, with its ID and version, as {@code /v1/event/fire} answers it
     * @throws dev.proconsul.structs.EndpointException BAD_REQUEST for a missing name or an invalid filter,
     *                                                TOO_LARGE when the event does not fit a gossip message
     */
    UserEvent fire(UserEvent request);

    /** The events this agent received and accepted. */
    UserEventInbox inbox();
}
