package dev.proconsul.structs;

import java.util.List;

/**
 * What executing a prepared query found (Consul's PreparedQueryExecuteResponse without its query meta, which the
 * edge adds): the service looked up, the healthy instances (health/service rows), the query's DNS options, the
 * datacenter the results came from and how many other datacenters were tried.
 */
public record PreparedQueryExecuteResponse(String service, List<CheckServiceNode> nodes,
                                           PreparedQuery.DnsOptions dns, String datacenter, int failovers) {
}
