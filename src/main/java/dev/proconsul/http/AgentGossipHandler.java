package dev.proconsul.http;

import dev.proconsul.agent.gossip.AgentGossip;
import dev.proconsul.structs.QueryOptions;
import dev.proconsul.filter.ResultFilter;
import dev.proconsul.structs.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gossip side of /v1/agent: members (LAN, or WAN with {@code ?wan}), join and force-leave. Registered over the
 * single-node members route when the agent runs gossip pools.
 */
public final class AgentGossipHandler implements HandlerGroup {
    private final AgentGossip gossip;

    public AgentGossipHandler(AgentGossip gossip) {
        this.gossip = gossip;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/v1/agent/members", this::members);
        routes.put("/v1/agent/join/", this::join);
        routes.put("/v1/agent/force-leave/", this::forceLeave);
    }

    private Reply members(ApiRequest req) {
        QueryOptions opts = QueryParams.queryOptions(req);
        ResultFilter filter = ResultFilter.compile(opts);
        boolean wan = QueryParams.flag(req, "wan", "Invalid value for ?wan");
        List<Member> members = gossip.members(wan);
        String segment = req.param("segment");
        if (!wan && segment != null && !segment.isEmpty() && !segment.equals("_all")) {
            List<Member> inSegment = new ArrayList<>();
            for (Member m : members) {
                if (m.tags().getOrDefault("segment", "").equals(segment)) {
                    inSegment.add(m);
                }
            }
            members = inSegment;
        }
        return Reply.json(filter.apply(members));
    }

    private Reply join(ApiRequest req) {
        String addr = req.remainder();
        if (addr.isEmpty()) {
            throw HttpError.badRequest("Missing address to join");
        }
        boolean wan = QueryParams.flag(req, "wan", "Invalid value for ?wan");
        try {
            gossip.join(List.of(addr), wan);
        } catch (IOException e) {
            throw new HttpError(500, e.getMessage());
        }
        return Reply.empty(200);
    }

    private Reply forceLeave(ApiRequest req) {
        String node = req.remainder();
        if (node.isEmpty()) {
            throw HttpError.badRequest("Missing node name");
        }
        boolean prune = QueryParams.flag(req, "prune", "Invalid value for ?prune");
        boolean wan = QueryParams.flag(req, "wan", "Invalid value for ?wan");
        if (!gossip.forceLeave(node, prune, wan)) {
            throw new HttpError(500, "agent: No node found with name '" + node + "'");
        }
        return Reply.empty(200);
    }
}
