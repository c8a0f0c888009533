package dev.proconsul.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code acl} block with Consul's defaults: off, default_policy "allow", down_policy "extend-cache", token,
 * policy and role caches of 30s. Parsed and typed for the ACL issue; nothing enforces it yet.
 */
public record AclConfig(boolean enabled, String defaultPolicy, String downPolicy, boolean enableTokenPersistence,
                        boolean enableKeyListPolicy, boolean enableTokenReplication, Duration tokenTtl,
                        Duration policyTtl, Duration roleTtl, Tokens tokens) {

    static final List<String> POLICIES = List.of("allow", "deny");
    static final List<String> DOWN_POLICIES = List.of("allow", "deny", "extend-cache", "async-cache");

    /**
     * {@code acl.tokens}; null when unset. Consul's older names are read too: {@code master} for
     * {@code initial_management}, {@code agent_master} for {@code agent_recovery}.
     */
    public record Tokens(String initialManagement, String agentRecovery, String agent, String defaultToken,
                         String replication, String configFileServiceRegistration, String dns) {
        static Tokens from(Section t) throws ConfigException {
            return new Tokens(
                    t.string("initial_management", t.string("master", null)),
                    t.string("agent_recovery", t.string("agent_master", null)),
                    t.string("agent", null), t.string("default", null), t.string("replication", null),
                    t.string("config_file_service_registration", null), t.string("dns", null));
        }
    }

    public static AclConfig from(ObjectNode root) throws ConfigException {
        Section a = Section.of(root, "acl");
        Duration ttl = Duration.ofSeconds(30);
        return new AclConfig(a.bool("enabled", false), a.oneOf("default_policy", "allow", POLICIES),
                a.oneOf("down_policy", "extend-cache", DOWN_POLICIES), a.bool("enable_token_persistence", false),
                a.bool("enable_key_list_policy", false), a.bool("enable_token_replication", false),
                a.duration("token_ttl", ttl), a.duration("policy_ttl", ttl), a.duration("role_ttl", ttl),
                Tokens.from(a.child("tokens")));
    }
}
