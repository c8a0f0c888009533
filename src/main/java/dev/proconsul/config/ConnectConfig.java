package dev.proconsul.config;

/**
 * The {@code connect} block: whether the service mesh is on (default false; -dev turns it on), the CA provider
 * (default "consul", the built-in CA) and its {@code ca_config}, kept as the raw tree because each provider reads its
 * own keys.
 *
 * @param caConfig the {@code ca_config} object, empty when absent
 */
public record ConnectConfig(boolean enabled, String caProvider, ObjectNode caConfig,
                            boolean meshGatewayWanFederation) {
    public static final String BUILT_IN_CA = "consul";

    public static ConnectConfig from(ObjectNode root) throws ConfigException {
        Section c = Section.of(root, "connect");
        return new ConnectConfig(c.bool("enabled", false), c.string("ca_provider", BUILT_IN_CA),
                c.child("ca_config").object(), c.bool("enable_mesh_gateway_wan_federation", false));
    }
}
