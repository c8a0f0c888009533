package dev.proconsul.structs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;




import java.util.List;
import java.util.Map;

/**
 * A row of /v1/catalog/service/:s: a service instance flattened together with its node, as Consul shows it
 * (agent/structs.ServiceNode: ServiceTaggedAddresses is omitempty, ServiceSocketPath and ServiceLocality are not).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogServiceNode(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("NodeMeta") Map<String, String> nodeMeta,
        @JsonProperty("ServiceKind") String serviceKind,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("ServiceAddress") String serviceAddress,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonProperty("ServiceTaggedAddresses") Map<String, Object> serviceTaggedAddresses,
        @JsonProperty("ServiceWeights") Weights serviceWeights,
        @JsonProperty("ServiceMeta") Map<String, String> serviceMeta,
        @JsonProperty("ServicePort") int servicePort,
        @JsonProperty("ServiceSocketPath") String serviceSocketPath,
        @JsonProperty("ServiceEnableTagOverride") boolean serviceEnableTagOverride,
        @JsonProperty("ServiceProxy") Proxy serviceProxy,
        @JsonProperty("ServiceConnect") ServiceConnect serviceConnect,
        @JsonProperty("ServiceLocality") Locality serviceLocality,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** Flattens; empty collections instead of nulls, as Consul's HTTP layer does. */
    public static CatalogServiceNode of(ServiceNode sn, String defaultDatacenter) {
        Node n = sn.node();
        NodeService s = sn.service();
        return new CatalogServiceNode(
                nz(n.id()), n.node(), nz(n.address()),
                n.datacenter() == null || n.datacenter().isEmpty() ? defaultDatacenter : n.datacenter(),
                // null like Consul's nil map when the node has none (clients expect lan/wan keys otherwise)
                n.taggedAddresses() == null || n.taggedAddresses().isEmpty() ? null : n.taggedAddresses(),
                n.meta() == null ? Map.of() : n.meta(),
                nz(s.kind()), s.id(), s.service(),
                s.tags() == null ? List.of() : s.tags(),
                nz(s.address()),
                s.taggedAddresses() == null ? Map.of() : s.taggedAddresses(),
                s.weights() == null ? Weights.DEFAULT : s.weights(),
                s.meta() == null ? Map.of() : s.meta(),
                s.port(), "", s.enableTagOverride(),
                s.proxy() == null ? Proxy.EMPTY : s.proxy(),
                s.connect() == null ? ServiceConnect.EMPTY : s.connect(),
                null,
                s.createIndex(), s.modifyIndex());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
