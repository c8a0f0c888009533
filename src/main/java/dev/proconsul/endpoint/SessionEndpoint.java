package dev.proconsul.endpoint;

import dev.proconsul.structs.QueryOptions;
import dev.proconsul.structs.QueryResult;
import dev.proconsul.structs.Session;
import java.util.List;

/** Consul's Session endpoint. */
public interface SessionEndpoint {
    /** Creates a session (the caller filled Consul's defaults); returns its ID. */
    String create(String datacenter, Session in);

    /** Destroys the session, releasing or deleting its locks; true also when it did not exist. */
    boolean destroy(String datacenter, String id);

    /** Renews a session's TTL: the session as a one-element list, or null when it does not exist. */
    List<Session> renew(String datacenter, String id);

    /** The session as a list of zero or one, Consul's shape for info. */
    QueryResult<List<Session>> get(String id, QueryOptions opts);

    QueryResult<List<Session>> list(QueryOptions opts);

    QueryResult<List<Session>> nodeSessions(String node, QueryOptions opts);
}
