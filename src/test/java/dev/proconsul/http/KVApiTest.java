package dev.proconsul.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KVApiTest extends ApiTestBase {

    @Test
    void putGetDeleteRoundTripWithConsulShapes() throws Exception {
        HttpResponse<byte[]> put = api.put("/v1/kv/app/config?flags=42", "hello");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(put)).isEqualTo("true");

        HttpResponse<byte[]> get = api.get("/v1/kv/app/config");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode entries = ApiClient.json(get);
        assertThat(entries.isArray()).isTrue();
        JsonNode e = entries.get(0);
        assertThat(e.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "LockIndex", "Key", "Flags", "Value", "CreateIndex", "ModifyIndex"); // Session only when locked, as Consul
        assertThat(e.get("Key").asText()).isEqualTo("app/config");
        assertThat(e.get("Flags").asLong()).isEqualTo(42);
        assertThat(new String(Base64.getDecoder().decode(e.get("Value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(ApiClient.index(get)).isEqualTo(e.get("ModifyIndex").asLong());

        HttpResponse<byte[]> del = api.delete("/v1/kv/app/config");
        assertThat(ApiClient.text(del)).isEqualTo("true");
        HttpResponse<byte[]> gone = api.get("/v1/kv/app/config");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEmpty();
        assertThat(gone.headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void rawReturnsTheBytesOnly() throws Exception {
        api.put("/v1/kv/raw/key", "{\"not\": \"json-wrapped\"}");
        HttpResponse<byte[]> r = api.get("/v1/kv/raw/key?raw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.text(r)).isEqualTo("{\"not\": \"json-wrapped\"}");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void casSucceedsOnlyAtTheCurrentIndex() throws Exception {
        assertThat(ApiClient.text(api.put("/v1/kv/c?cas=0", "first"))).isEqualTo("true");
        assertThat(ApiClient.text(api.put("/v1/kv/c?cas=0", "again"))).isEqualTo("false");
        long modify = ApiClient.json(api.get("/v1/kv/c")).get(0).get("ModifyIndex").asLong();
        assertThat(ApiClient.text(api.put("/v1/kv/c?cas=" + (modify + 100), "stale"))).isEqualTo("false");
        assertThat(ApiClient.text(api.put("/v1/kv/c?cas=" + modify, "second"))).isEqualTo("true");
        assertThat(ApiClient.text(api.get("/v1/kv/c?raw"))).isEqualTo("second");

        long now = ApiClient.json(api.get("/v1/kv/c")).get(0).get("ModifyIndex").asLong();
        assertThat(ApiClient.text(api.delete("/v1/kv/c?cas=" + (now - 1)))).isEqualTo("false");
        assertThat(ApiClient.text(api.delete("/v1/kv/c?cas=" + now))).isEqualTo("true");
        assertThat(api.get("/v1/kv/c").statusCode()).isEqualTo(404);
    }

    @Test
    void recurseKeysAndSeparator() throws Exception {
        for (String k : new String[] {"web/a", "web/b/x", "web/b/y", "db/c"}) {
            api.put("/v1/kv/" + k, k);
        }
        JsonNode all = ApiClient.json(api.get("/v1/kv/web/?recurse"));
        assertThat(all).extracting(n -> n.get("Key").asText()).containsExactly("web/a", "web/b/x", "web/b/y");

        JsonNode keys = ApiClient.json(api.get("/v1/kv/?keys"));
        assertThat(keys).extracting(JsonNode::asText).containsExactly("db/c", "web/a", "web/b/x", "web/b/y");

        JsonNode rolled = ApiClient.json(api.get("/v1/kv/web/?keys&separator=/"));
        assertThat(rolled).extracting(JsonNode::asText).containsExactly("web/a", "web/b/");

        assertThat(api.get("/v1/kv/nothing/?recurse").statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/kv/nothing/?keys").statusCode()).isEqualTo(404);
        assertThat(ApiClient.text(api.get("/v1/kv/?keys"))).startsWith("[");

        assertThat(ApiClient.text(api.delete("/v1/kv/web/?recurse"))).isEqualTo("true");
        assertThat(ApiClient.json(api.get("/v1/kv/?keys"))).extracting(JsonNode::asText).containsExactly("db/c");
    }

    @Test
    void keysAreUrlDecoded() throws Exception {
        api.put("/v1/kv/with%20space/%C3%A9t%C3%A9", "v");
        JsonNode keys = ApiClient.json(api.get("/v1/kv/?keys"));
        assertThat(keys).extracting(JsonNode::asText).containsExactly("with space/été");
    }

    @Test
    void valueOverLimitIs413WithConsulText() throws Exception {
        byte[] big = new byte[512 * 1024 + 1];
        HttpResponse<byte[]> r = api.send("PUT", "/v1/kv/big", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(ApiClient.text(r)).startsWith("Request body(524289 bytes) too large, max size: 524288 bytes.");
        assertThat(api.get("/v1/kv/big").statusCode()).isEqualTo(404);

        byte[] exact = new byte[512 * 1024];
        assertThat(api.send("PUT", "/v1/kv/exact", exact).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequests() throws Exception {
        HttpResponse<byte[]> noKey = api.put("/v1/kv/", "x");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(noKey)).isEqualTo("Missing key name");
        assertThat(api.get("/v1/kv/").statusCode()).isEqualTo(400);
        assertThat(api.delete("/v1/kv/").statusCode()).isEqualTo(400);

        HttpResponse<byte[]> conflict = api.put("/v1/kv/k?cas=1&release=abc", "x");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(ApiClient.text(conflict)).startsWith("Conflicting flags: ");

        HttpResponse<byte[]> badFlags = api.put("/v1/kv/k?flags=abc", "x");
        assertThat(badFlags.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> post = api.send("POST", "/v1/kv/k", new byte[0]);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(ApiClient.text(post)).isEqualTo("method POST not allowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("OPTIONS,GET,PUT,DELETE");
    }

    /** Consul stores nil for an empty PUT body: JSON "Value": null (not ""), and ?raw answers an empty body. */
    @Test
    void emptyValueIsNullInJsonAndEmptyRaw() throws Exception {
        assertThat(ApiClient.text(api.put("/v1/kv/empty", ""))).isEqualTo("true");
        JsonNode e = ApiClient.json(api.get("/v1/kv/empty")).get(0);
        assertThat(e.has("Value")).isTrue();
        assertThat(e.get("Value").isNull()).isTrue();
        assertThat(ApiClient.json(api.get("/v1/kv/empty?recurse")).get(0).get("Value").isNull()).isTrue();
        HttpResponse<byte[]> raw = api.get("/v1/kv/empty?raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEmpty();

        // A value overwritten with nothing becomes null too, as does an empty value set through a transaction.
        api.put("/v1/kv/was-set", "x");
        api.put("/v1/kv/was-set", "");
        assertThat(ApiClient.json(api.get("/v1/kv/was-set")).get(0).get("Value").isNull()).isTrue();
        api.put("/v1/txn", "[{\"KV\": {\"Verb\": \"set\", \"Key\": \"txn-empty\", \"Value\": \"\"}}]");
        assertThat(ApiClient.json(api.get("/v1/kv/txn-empty")).get(0).get("Value").isNull()).isTrue();
        JsonNode got = ApiClient.json(api.put("/v1/txn", "[{\"KV\": {\"Verb\": \"get\", \"Key\": \"txn-empty\"}}]"));
        assertThat(got.get("Results").get(0).get("KV").get("Value").isNull()).isTrue();
    }

    /** Debian's python3-consul reads an empty value as None (its own test suite asserts this against Consul). */
    @Test
    void pythonConsulSeesAnEmptyValueAsNone() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PythonConsul.available(),
                "Debian's python3-consul is not importable by /usr/bin/python3 (apt-get install -y python3-consul)");
        String out = PythonConsul.run(server.boundPort(), """
                assert c.kv.put('py/empty', '') is True
                index, data = c.kv.get('py/empty')
                assert data['Value'] is None, data
                assert c.kv.put('py/full', 'bar') is True
                assert c.kv.get('py/full')[1]['Value'] == b'bar'
                print('EMPTY-IS-NONE')
                """);
        assertThat(out).contains("EMPTY-IS-NONE");
    }
}
