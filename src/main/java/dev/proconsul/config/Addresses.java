package dev.proconsul.config;

/**
 * Where each client-facing listener binds (Consul's {@code addresses} block). A listener without its own address
 * uses {@code client_addr}, already filled in here. Values may be space-separated lists, go-sockaddr templates, or
 * {@code unix://} paths, as Consul allows.
 */
public record Addresses(String dns, String http, String https, String grpc, String grpcTls) {
}
