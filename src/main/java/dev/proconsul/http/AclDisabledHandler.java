package dev.proconsul.http;

import java.util.List;
import java.util.Set;

/**
 * The ACL endpoints while ACLs are disabled (the only mode Proconsul has until the ACL issue lands): every route
 * Consul registers for them answers {@code 401 ACL support disabled}, which clients read as "ACLs are off". Methods
 * are checked first, as Consul's router does (a wrong method is a 405), and paths Consul does not register stay
 * 404s. The ACL issue replaces this group by registering real handlers for the same patterns.
 */
final class AclDisabledHandler implements HandlerGroup {
    /** Consul's reply (agent/acl_endpoint.go {@code aclDisabled}). */
    static final String MESSAGE = "ACL support disabled";

    /** A pattern as Consul 1.21 registers it (agent/http_register.go) and the methods it accepts. */
    record AclRoute(String pattern, Set<String> methods) {
    }

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> PUT = Set.of("PUT");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> CRUD = Set.of("GET", "PUT", "DELETE");

    static final List<AclRoute> ROUTES = List.of(
            new AclRoute("/v1/acl/bootstrap", PUT),
            new AclRoute("/v1/acl/login", POST),
            new AclRoute("/v1/acl/logout", POST),
            new AclRoute("/v1/acl/replication", GET),
            new AclRoute("/v1/acl/policies", GET),
            new AclRoute("/v1/acl/policy", PUT),
            new AclRoute("/v1/acl/policy/", CRUD),
            new AclRoute("/v1/acl/policy/name/", GET),
            new AclRoute("/v1/acl/roles", GET),
            new AclRoute("/v1/acl/role", PUT),
            new AclRoute("/v1/acl/role/name/", GET),
            new AclRoute("/v1/acl/role/", CRUD),
            new AclRoute("/v1/acl/binding-rules", GET),
            new AclRoute("/v1/acl/binding-rule", PUT),
            new AclRoute("/v1/acl/binding-rule/", CRUD),
            new AclRoute("/v1/acl/auth-methods", GET),
            new AclRoute("/v1/acl/auth-method", PUT),
            new AclRoute("/v1/acl/auth-method/", CRUD),
            new AclRoute("/v1/acl/tokens", GET),
            new AclRoute("/v1/acl/token", PUT),
            new AclRoute("/v1/acl/token/self", GET),
            new AclRoute("/v1/acl/token/", CRUD),
            new AclRoute("/v1/acl/templated-policies", GET),
            new AclRoute("/v1/acl/templated-policy/name/", GET),
            new AclRoute("/v1/acl/templated-policy/preview/", POST),
            // Outside /v1/acl/ but ACL endpoints all the same: Consul answers them the same way.
            new AclRoute("/v1/internal/acl/authorize", POST),
            new AclRoute("/v1/agent/token/", PUT));

    @Override
    public void register(Routes routes) {
        for (AclRoute r : ROUTES) {
            routes.add(r.pattern(), r.methods(), req -> {
                throw new HttpError(401, MESSAGE);
            });
        }
    }
}
