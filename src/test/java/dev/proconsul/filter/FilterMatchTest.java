package dev.proconsul.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table: (expression, document, expected match), covering every operator against Consul-shaped JSON. */
class FilterMatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An /v1/agent/services value. */
    static final JsonNode SERVICE = json("""
            {"ID": "redis1", "Service": "redis", "Tags": ["primary", "production"],
             "Meta": {"env": "production", "foo": "bar", "my-key": "dash", "a.b": "dotted", "empty": ""},
             "Port": 1234, "Address": "", "Weights": {"Passing": 1, "Warning": 1},
             "EnableTagOverride": false, "TaggedAddresses": null, "Proxy": {}, "Ratio": 0.5,
             "Big": 18446744073709551615}
            """);

    /** A /v1/health/service entry: node, service, and a list of check objects. */
    static final JsonNode HEALTH = json("""
            {"Node": {"Node": "node-1", "Address": "10.0.0.1", "Meta": {"env": "prod", "rack": "r1"}},
             "Service": {"ID": "web1", "Service": "web", "Tags": ["v1", "blue"], "Port": 8080,
                         "Meta": {"version": "1.2.3"}, "EnableTagOverride": true},
             "Checks": [
               {"CheckID": "serfHealth", "Name": "Serf Health Status", "Status": "passing", "ServiceTags": []},
               {"CheckID": "service:web1", "Name": "web check", "Status": "critical", "ServiceTags": ["v1", "x"]}
             ]}
            """);

    /** All checks passing. */
    static final JsonNode HEALTHY = json("""
            {"Checks": [{"CheckID": "serfHealth", "Status": "passing"}, {"CheckID": "svc", "Status": "passing"}]}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                // == and != on strings, quoted and bare
                row("Service == \"redis\"", SERVICE, true),
                row("Service == redis", SERVICE, true),
                row("Service == `redis`", SERVICE, true),
                row("Service == \"Redis\"", SERVICE, false),
                row("Service != \"redis\"", SERVICE, false),
                row("Service != mysql", SERVICE, true),
                row("Address == \"\"", SERVICE, true),
                row("Service==redis", SERVICE, true),
                row("  Service   ==   redis  ", SERVICE, true),
                row("\n\tService ==\r\n redis\n", SERVICE, true),
                // numbers coerced to the field's type
                row("Port == 1234", SERVICE, true),
                row("Port == \"1234\"", SERVICE, true),
                row("Port != 1234", SERVICE, false),
                row("Port == 1235", SERVICE, false),
                row("Port == \"0x4d2\"", SERVICE, true), // quoted, Go's base-0 ParseInt reads prefixes
                row("Port == \"0o2322\"", SERVICE, true),
                row("Port == \"02322\"", SERVICE, true),
                row("Port == \"0b10011010010\"", SERVICE, true),
                row("Port == \"1_234\"", SERVICE, false), // underscores need a base prefix in Go
                row("Port == 1234.0", SERVICE, true),
                row("Port == 1234.5", SERVICE, false),
                row("Port == abc", SERVICE, false), // not coercible: no match...
                row("Port != abc", SERVICE, false), // ...either way (Consul would reject it)
                row("Weights.Passing == 1", SERVICE, true),
                row("Ratio == 0.5", SERVICE, true),
                row("Ratio == \"5e-1\"", SERVICE, true),
                row("Ratio != 0.25", SERVICE, true),
                row("Big == \"18446744073709551615\"", SERVICE, true),
                row("Port == -1234", SERVICE, false),
                // booleans, Go ParseBool spellings
                row("EnableTagOverride == false", SERVICE, true),
                row("EnableTagOverride == False", SERVICE, true),
                row("EnableTagOverride == \"0\"", SERVICE, true),
                row("EnableTagOverride == f", SERVICE, true),
                row("EnableTagOverride != true", SERVICE, true),
                row("EnableTagOverride == true", SERVICE, false),
                row("EnableTagOverride == yes", SERVICE, false),
                row("Service.EnableTagOverride == TRUE", HEALTH, true),
                // in / contains on lists, strings, maps
                row("\"primary\" in Tags", SERVICE, true),
                row("primary in Tags", SERVICE, true),
                row("\"prim\" in Tags", SERVICE, false), // list membership, not substring
                row("\"secondary\" not in Tags", SERVICE, true),
                row("\"primary\" not in Tags", SERVICE, false),
                row("Tags contains \"production\"", SERVICE, true),
                row("Tags contains qa", SERVICE, false),
                row("Tags not contains qa", SERVICE, true),
                row("Tags not contains primary", SERVICE, false),
                row("\"edi\" in Service", SERVICE, true), // substring of a string
                row("Service contains \"dis\"", SERVICE, true),
                row("Service not contains \"dis\"", SERVICE, false),
                row("\"env\" in Meta", SERVICE, true), // key of a map
                row("Meta contains foo", SERVICE, true),
                row("Meta contains bar", SERVICE, false), // values are not keys
                row("\"nope\" not in Meta", SERVICE, true),
                row("\"1234\" in Port", SERVICE, false), // in on a number does not apply
                row("\"1234\" not in Port", SERVICE, false),
                // matches / not matches (unanchored, Go syntax)
                row("Service matches \"^re\"", SERVICE, true),
                row("Service matches \"dis\"", SERVICE, true),
                row("Service matches \"^dis$\"", SERVICE, false),
                row("Service not matches \"^my\"", SERVICE, true),
                row("Service not matches \"red\"", SERVICE, false),
                row("Meta.env matches `^prod(uction)?$`", SERVICE, true),
                row("Service matches \"(?i)^REDIS$\"", SERVICE, true),
                row("Service matches \"^(?P<name>re)dis\"", SERVICE, true),
                row("Service matches \"^[[:alpha:]]+$\"", SERVICE, true),
                row("ID matches \"^[[:alpha:]]+$\"", SERVICE, false),
                row("Service matches \"[[:^digit:]]\"", SERVICE, true),
                // Go class syntax that Java reads differently is translated
                row("Name matches \"^[]a]+$\"", json("{\"Name\": \"]a]\"}"), true),
                row("Name matches \"^[a[]+$\"", json("{\"Name\": \"a[a\"}"), true),
                row("Name matches \"^[a&&b]+$\"", json("{\"Name\": \"a&b\"}"), true),
                row("Name matches \"^[^]]+$\"", json("{\"Name\": \"abc\"}"), true),
                row("Name matches \"^a.b$\"", json("{\"Name\": \"a\\rb\"}"), true), // only \n ends a line
                row("Name matches \"^a.b$\"", json("{\"Name\": \"a\\nb\"}"), false),
                row("Port matches \"12\"", SERVICE, false), // matches applies to strings only
                row("Port not matches \"12\"", SERVICE, false),
                // is empty / is not empty on strings, lists, maps
                row("Address is empty", SERVICE, true),
                row("Service is empty", SERVICE, false),
                row("Service is not empty", SERVICE, true),
                row("Tags is not empty", SERVICE, true),
                row("Tags is empty", SERVICE, false),
                row("Proxy is empty", SERVICE, true),
                row("Meta is not empty", SERVICE, true),
                row("TaggedAddresses is empty", SERVICE, true), // null map is empty, as a nil Go map
                row("Port is empty", SERVICE, false), // does not apply to numbers
                row("Port is not empty", SERVICE, false),
                // map keys: dotted and index syntax, missing keys
                row("Meta.env == production", SERVICE, true),
                row("Meta[\"env\"] == production", SERVICE, true),
                row("Meta[ \"env\" ] == production", SERVICE, true),
                row("Meta[`env`] == production", SERVICE, true),
                row("Meta[\"my-key\"] == dash", SERVICE, true),
                row("Meta[\"a.b\"] == dotted", SERVICE, true),
                row("Meta.a.b == dotted", SERVICE, false), // dots separate steps
                row("Meta.empty is empty", SERVICE, true),
                row("Meta.missing == \"\"", SERVICE, false),
                row("Meta.missing != \"x\"", SERVICE, true),
                row("Meta.missing is empty", SERVICE, true),
                row("Meta.missing is not empty", SERVICE, false),
                row("\"x\" in Meta.missing", SERVICE, false),
                row("\"x\" not in Meta.missing", SERVICE, true),
                row("Meta.missing matches \".*\"", SERVICE, false),
                row("Meta.missing not matches \".*\"", SERVICE, true),
                row("TaggedAddresses.lan == \"10.0.0.1\"", SERVICE, false),
                row("TaggedAddresses.lan != \"10.0.0.1\"", SERVICE, true),
                row("NoSuchField == x", SERVICE, false),
                row("NoSuchField != x", SERVICE, true),
                row("Port.Deeper == 1", SERVICE, false), // cannot select into a number
                // nested objects, as in /v1/health/service
                row("Node.Meta.env == prod", HEALTH, true),
                row("Node.Meta[\"rack\"] == r1", HEALTH, true),
                row("Service.Port == 8080", HEALTH, true),
                row("Service.Meta.version == v1.2.3", HEALTH, false),
                row("Service.Meta.version == \"1.2.3\"", HEALTH, true),
                row("v1 in Service.Tags", HEALTH, true),
                row("Service.Tags contains blue and Service.Service == web", HEALTH, true),
                // selectors through a list of objects: any element
                row("Checks.Status == passing", HEALTH, true),
                row("Checks.Status == critical", HEALTH, true),
                row("Checks.Status == warning", HEALTH, false),
                row("Checks.Status != passing", HEALTH, true),
                row("not Checks.Status != passing", HEALTH, false),
                row("not Checks.Status != passing", HEALTHY, true),
                row("Checks.Status != passing", HEALTHY, false),
                row("\"serfHealth\" in Checks.CheckID", HEALTH, true),
                row("\"serf\" in Checks.CheckID", HEALTH, true), // substring of any CheckID
                row("\"nothing\" in Checks.CheckID", HEALTH, false),
                row("Checks.CheckID contains \"web1\"", HEALTH, true),
                row("\"x\" in Checks.ServiceTags", HEALTH, true), // list inside list of objects
                row("Checks.ServiceTags is empty", HEALTH, true), // the first check's is empty
                row("Checks.Name matches \"^Serf\"", HEALTH, true),
                row("Checks is not empty", HEALTH, true),
                row("Checks.0.Status == passing", HEALTH, true), // numeric step indexes the list
                row("Checks.1.Status == passing", HEALTH, false),
                row("Checks.5.Status == passing", HEALTH, false),
                row("Checks.Status == passing", json("{\"Checks\": []}"), false),
                row("Checks.Status != passing", json("{\"Checks\": []}"), false),
                row("Tags.Foo == x", SERVICE, false), // cannot select into list strings
                // logic and precedence: not > and > or
                row("Service == redis and Port == 1234", SERVICE, true),
                row("Service == redis and Port == 1", SERVICE, false),
                row("Service == mysql or Port == 1234", SERVICE, true),
                row("Service == mysql or Port == 1", SERVICE, false),
                row("not Service == mysql", SERVICE, true),
                row("not Service == redis", SERVICE, false),
                row("not not Service == redis", SERVICE, true),
                row("not not not Service == redis", SERVICE, false),
                row("Service == redis or Port == 1 and Port == 2", SERVICE, true), // or binds loosest
                row("(Service == redis or Port == 1) and Port == 2", SERVICE, false),
                row("Port == 1 and Port == 2 or Service == redis", SERVICE, true),
                row("Port == 1 and (Port == 2 or Service == redis)", SERVICE, false),
                row("not Port == 1 and Port == 2", SERVICE, false), // (not a) and b
                row("not (Port == 1 and Port == 2)", SERVICE, true),
                row("not Service == redis or Port == 1234", SERVICE, true), // (not a) or b
                row("not (Service == redis or Port == 1234)", SERVICE, false),
                row("Service == redis and not Port == 1 or Port == 2", SERVICE, true),
                row("((((Service == redis))))", SERVICE, true),
                row("( Service == redis )", SERVICE, true),
                row("not(Service == mysql)", SERVICE, true),
                row("(Service == mysql)or(Port == 1234)", SERVICE, true),
                row("Service == redis and Tags contains primary and Meta.env == production", SERVICE, true),
                row("Service == redis and Tags contains qa and Meta.env == production", SERVICE, false),
                // keywords as bare values and selectors where bexpr allows them
                row("Service == not", json("{\"Service\": \"not\"}"), true),
                row("Service == and", json("{\"Service\": \"and\"}"), true),
                row("not in Tags", json("{\"Tags\": [\"not\"]}"), true),
                row("in in Tags", json("{\"Tags\": [\"in\"]}"), true),
                row("Service == notredis", json("{\"Service\": \"notredis\"}"), true),
                row("order == 1", json("{\"order\": 1}"), true),
                row("is_x is empty", json("{\"is_x\": \"\"}"), true),
                // string escapes
                row("Name == \"a\\nb\"", json("{\"Name\": \"a\\nb\"}"), true),
                row("Name == `a\\nb`", json("{\"Name\": \"a\\\\nb\"}"), true),
                row("Name == \"caf\\u00e9\"", json("{\"Name\": \"café\"}"), true),
                row("Name == \"caf\\xc3\\xa9\"", json("{\"Name\": \"café\"}"), true),
                row("Name == \"caf\\303\\251\"", json("{\"Name\": \"café\"}"), true),
                row("Name == \"\\U0001F600\"", json("{\"Name\": \"\\uD83D\\uDE00\"}"), true),
                row("Name == \"say \\\"hi\\\"\"", json("{\"Name\": \"say \\\"hi\\\"\"}"), true),
                row("Name == `say \"hi\"`", json("{\"Name\": \"say \\\"hi\\\"\"}"), true),
                row("Name == \"tab\\there\"", json("{\"Name\": \"tab\\there\"}"), true),
                row("Name == \"back\\\\slash\"", json("{\"Name\": \"back\\\\slash\"}"), true),
                row("Name == \"héllo wörld\"", json("{\"Name\": \"héllo wörld\"}"), true),
                // negative numbers and zero
                row("Offset == -5", json("{\"Offset\": -5}"), true),
                row("Offset == 0", json("{\"Offset\": 0}"), true),
                row("Offset == -0.5", json("{\"Offset\": -0.5}"), true),
                row("\"5\" in Ports", json("{\"Ports\": [1, 5, 9]}"), true),
                row("5 in Ports", json("{\"Ports\": [1, 5, 9]}"), true),
                row("true in Flags", json("{\"Flags\": [false, true]}"), true),
                row("x in Mixed", json("{\"Mixed\": [1, \"x\", true]}"), true),
                // the document itself odd
                row("Service == redis", json("null"), false),
                row("Service != redis", json("null"), true),
                row("Service == redis", json("[]"), false),
                row("Service == redis", json("\"redis\""), false),
                row("Service == redis", json("{}"), false),
                row("Service == redis", null, false));
    }

    @ParameterizedTest(name = "[{index}] {0}  =>  {2}")
    @MethodSource("cases")
    void evaluatesLikeConsul(String expression, JsonNode document, boolean expected) throws FilterException {
        assertThat(Filter.parse(expression).matches(document)).isEqualTo(expected);
    }

    private static Arguments row(String expression, JsonNode document, boolean expected) {
        return Arguments.of(expression, document, expected);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
