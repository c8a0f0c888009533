package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Creates or destroys a session. For a create the server has already chosen the session's ID (a random UUID) and
 * validated its fields, so that applying the command is deterministic on every server. A destroy needs only the ID.
 */
public record SessionRequest(@JsonProperty("Op") Op op, @JsonProperty("Session") Session session) implements Command {

    /** Destroys session {@code id}: its locks are released or deleted as its behaviour says. */
    public static SessionRequest destroy(String id) {
        return new SessionRequest(Op.DESTROY, Session.idOnly(id));
    }

    public static SessionRequest create(Session session) {
        return new SessionRequest(Op.CREATE, session);
    }

    public enum Op {
        @JsonProperty("create") CREATE,
        @JsonProperty("destroy") DESTROY
    }
}
