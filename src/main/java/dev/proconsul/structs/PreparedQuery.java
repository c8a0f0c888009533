package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A prepared query (Consul's structs.PreparedQuery), as stored and as the {@code /v1/query} API shows it. Go prints
 * every field of it (no omitempty): absent strings read {@code ""}, absent lists and maps {@code null}, and the
 * nested structs are always objects; the compact constructors normalise decoded input to that shape.
 *
 * @param token the ACL token to execute with (stored, never used until ACLs land)
 */
@JsonPropertyOrder({"ID", "Name", "Session", "Token", "Template", "Service", "DNS", "CreateIndex", "ModifyIndex"})
public record PreparedQuery(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Session") String session,
        @JsonProperty("Token") String token,
        @JsonProperty("Template") Template template,
        @JsonProperty("Service") ServiceQuery service,
        @JsonProperty("DNS") DnsOptions dns,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** The only template type Consul knows. */
    public static final String NAME_PREFIX_MATCH = "name_prefix_match";

    public PreparedQuery {
        id = orEmpty(id);
        name = orEmpty(name);
        session = orEmpty(session);
        token = orEmpty(token);
        template = template == null ? Template.NONE : template;
        service = service == null ? ServiceQuery.EMPTY : service;
        dns = dns == null ? DnsOptions.NONE : dns;
    }

    public boolean isTemplate() {
        return !template.type().isEmpty();
    }

    public PreparedQuery withId(String newId) {
        return new PreparedQuery(newId, name, session, token, template, service, dns, createIndex, modifyIndex);
    }

    public PreparedQuery withIndexes(long create, long modify) {
        return new PreparedQuery(id, name, session, token, template, service, dns, create, modify);
    }

    public PreparedQuery withService(ServiceQuery s) {
        return new PreparedQuery(id, name, session, token, template, s, dns, createIndex, modifyIndex);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Template options: a non-empty {@code Type} makes the query a template. */
    @JsonPropertyOrder({"Type", "Regexp", "RemoveEmptyTags"})
    public record Template(
            @JsonProperty("Type") String type,
            @JsonProperty("Regexp") String regexp,
            @JsonProperty("RemoveEmptyTags") boolean removeEmptyTags) {
        public static final Template NONE = new Template("", "", false);

        public Template {
            type = orEmpty(type);
            regexp = orEmpty(regexp);
        }
    }

    /** What the query looks up: healthy instances of one service, filtered. */
    @JsonPropertyOrder({"Service", "SamenessGroup", "Failover", "OnlyPassing", "IgnoreCheckIDs", "Near", "Tags",
            "NodeMeta", "ServiceMeta", "Connect", "Peer"})
    public record ServiceQuery(
            @JsonProperty("Service") String service,
            @JsonProperty("SamenessGroup") String samenessGroup,
            @JsonProperty("Failover") Failover failover,
            @JsonProperty("OnlyPassing") boolean onlyPassing,
            @JsonProperty("IgnoreCheckIDs") List<String> ignoreCheckIds,
            @JsonProperty("Near") String near,
            @JsonProperty("Tags") List<String> tags,
            @JsonProperty("NodeMeta") Map<String, String> nodeMeta,
            @JsonProperty("ServiceMeta") Map<String, String> serviceMeta,
            @JsonProperty("Connect") boolean connect,
            @JsonProperty("Peer") String peer) {
        public static final ServiceQuery EMPTY = new ServiceQuery("", "", null, false, null, "", null, null, null,
                false, "");

        public ServiceQuery {
            service = orEmpty(service);
            samenessGroup = orEmpty(samenessGroup);
            failover = failover == null ? Failover.NONE : failover;
            near = orEmpty(near);
            peer = orEmpty(peer);
        }

        /** The same query with other string fields (a rendered template). */
        public ServiceQuery withStrings(String newService, String newSameness, Failover newFailover,
                                        List<String> newIgnore, String newNear, List<String> newTags,
                                        Map<String, String> newNodeMeta, Map<String, String> newServiceMeta,
                                        String newPeer) {
            return new ServiceQuery(newService, newSameness, newFailover, onlyPassing, newIgnore, newNear, newTags,
                    newNodeMeta, newServiceMeta, connect, newPeer);
        }
    }

    /** Where to look when the local datacenter has no healthy instance. */
    @JsonPropertyOrder({"NearestN", "Datacenters", "Targets"})
    public record Failover(
            @JsonProperty("NearestN") int nearestN,
            @JsonProperty("Datacenters") List<String> datacenters,
            @JsonProperty("Targets") List<FailoverTarget> targets) {
        public static final Failover NONE = new Failover(0, null, null);
    }

    /** One failover target: a datacenter or a cluster peer. */
    @JsonPropertyOrder({"Peer", "Datacenter"})
    public record FailoverTarget(
            @JsonProperty("Peer") String peer,
            @JsonProperty("Datacenter") String datacenter) {
        public FailoverTarget {
            peer = orEmpty(peer);
            datacenter = orEmpty(datacenter);
        }
    }

    /** DNS options: the TTL of answers served for this query (a Go duration; "" = the agent's service TTL). */
    public record DnsOptions(@JsonProperty("TTL") String ttl) {
        public static final DnsOptions NONE = new DnsOptions("");

        public DnsOptions {
            ttl = orEmpty(ttl);
        }
    }
}
