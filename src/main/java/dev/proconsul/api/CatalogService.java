package dev.proconsul.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.proconsul.structs.Weights;
import java.util.List;
import java.util.Map;

/** A row of {@code /v1/catalog/service/:name}: a service instance flattened together with its node. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogService(
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
        @JsonProperty("ServiceMeta") Map<String, String> serviceMeta,
        @JsonProperty("ServicePort") int servicePort,
        @JsonProperty("ServiceWeights") Weights serviceWeights,
        @JsonProperty("ServiceEnableTagOverride") boolean serviceEnableTagOverride,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {
}
