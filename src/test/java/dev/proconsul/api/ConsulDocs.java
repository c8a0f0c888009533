package dev.proconsul.api;

/** Canned response bodies shaped like the examples in Consul's HTTP API documentation. */
public final class ConsulDocs {
    private ConsulDocs() {
    }

    public static final String KV_ZIP = """
            [
              {
                "CreateIndex": 100,
                "ModifyIndex": 200,
                "LockIndex": 200,
                "Key": "zip",
                "Flags": 0,
                "Value": "dGVzdA==",
                "Session": "adf4238a-882b-9ddc-4a9d-5b6758e4159e"
              }
            ]""";

    public static final String KV_TREE = """
            [
              {"CreateIndex": 5, "ModifyIndex": 5, "LockIndex": 0, "Key": "redis/config/connections", "Flags": 0,
               "Value": "NQ==", "Session": ""},
              {"CreateIndex": 6, "ModifyIndex": 7, "LockIndex": 0, "Key": "redis/config/cpu", "Flags": 42,
               "Value": "MTI4", "Session": ""},
              {"CreateIndex": 8, "ModifyIndex": 8, "LockIndex": 0, "Key": "redis/config/empty", "Flags": 0,
               "Value": null, "Session": ""}
            ]""";

    public static final String NODES = """
            [
              {
                "ID": "40e4a748-2192-161a-0510-9bf59fe950b5",
                "Node": "baz",
                "Address": "10.1.10.11",
                "Datacenter": "dc1",
                "TaggedAddresses": {"lan": "10.1.10.11", "wan": "10.1.10.11"},
                "Meta": {"instance_type": "t2.medium"},
                "CreateIndex": 4,
                "ModifyIndex": 5
              },
              {
                "ID": "8f246b77-f3e1-ff88-5b48-8ec93abf3e05",
                "Node": "foobar",
                "Address": "10.1.10.12",
                "Datacenter": "dc2",
                "TaggedAddresses": {"lan": "10.1.10.11", "wan": "10.1.10.12"},
                "Meta": {"instance_type": "t2.large"},
                "CreateIndex": 6,
                "ModifyIndex": 7
              }
            ]""";

    public static final String SERVICES = """
            {
              "consul": [],
              "redis": [],
              "postgresql": ["primary", "secondary"]
            }""";

    public static final String SERVICE_REDIS = """
            [
              {
                "ID": "40e4a748-2192-161a-0510-9bf59fe950b5",
                "Node": "foobar",
                "Address": "192.168.10.10",
                "Datacenter": "dc1",
                "TaggedAddresses": {"lan": "192.168.10.10", "wan": "10.0.10.10"},
                "NodeMeta": {"somekey": "somevalue"},
                "CreateIndex": 51,
                "ModifyIndex": 51,
                "ServiceAddress": "172.17.0.3",
                "ServiceEnableTagOverride": false,
                "ServiceID": "32a2a47f7992:nodea:5000",
                "ServiceName": "redis",
                "ServicePort": 5000,
                "ServiceMeta": {"redis_version": "4.0"},
                "ServiceTags": ["tacos"],
                "ServiceKind": "",
                "ServiceWeights": {"Passing": 10, "Warning": 1}
              }
            ]""";

    public static final String NODE_FOOBAR = """
            {
              "Node": {
                "ID": "40e4a748-2192-161a-0510-9bf59fe950b5",
                "Node": "foobar",
                "Address": "10.1.10.12",
                "Datacenter": "dc1",
                "TaggedAddresses": {"lan": "10.1.10.12", "wan": "10.1.10.12"},
                "Meta": {"instance_type": "t2.medium"}
              },
              "Services": {
                "consul": {"ID": "consul", "Service": "consul", "Tags": null, "Port": 8300},
                "redis": {"ID": "redis", "Service": "redis", "Tags": ["v1"], "Port": 8000},
                "redis2": {"ID": "redis2", "Service": "redis", "Tags": ["v2"], "Port": 8001}
              }
            }""";

    public static final String MEMBERS = """
            [
              {
                "Name": "foobar",
                "Addr": "10.1.10.12",
                "Port": 8301,
                "Tags": {"bootstrap": "1", "dc": "dc1", "id": "40e4a748-2192-161a-0510-9bf59fe950b5",
                         "port": "8300", "role": "consul", "vsn": "1", "vsn_max": "1", "vsn_min": "1",
                         "build": "1.21.5:1234abcd"},
                "Status": 1,
                "ProtocolMin": 1, "ProtocolMax": 2, "ProtocolCur": 2,
                "DelegateMin": 1, "DelegateMax": 3, "DelegateCur": 3
              },
              {
                "Name": "client-b",
                "Addr": "10.1.10.100",
                "Port": 8301,
                "Tags": {"dc": "dc1", "role": "node", "vsn": "2", "build": "1.21.5:1234abcd"},
                "Status": 4,
                "ProtocolMin": 1, "ProtocolMax": 5, "ProtocolCur": 2,
                "DelegateMin": 2, "DelegateMax": 5, "DelegateCur": 4
              },
              {
                "Name": "a-server",
                "Addr": "10.1.10.2",
                "Port": 8301,
                "Tags": {"dc": "dc1", "role": "consul", "vsn": "2", "build": "1.21.5:1234abcd"},
                "Status": 1,
                "ProtocolMin": 1, "ProtocolMax": 5, "ProtocolCur": 2,
                "DelegateMin": 2, "DelegateMax": 5, "DelegateCur": 4
              }
            ]""";

    public static final String AGENT_SELF = """
            {
              "Config": {
                "Datacenter": "dc1",
                "NodeName": "foobar",
                "NodeID": "9d754d17-d864-b1d3-e758-f3fe25a9874f",
                "Server": true,
                "Revision": "deadbeef",
                "Version": "1.21.5"
              },
              "Coord": {"Adjustment": 0, "Error": 1.5, "Vec": [0, 0, 0, 0, 0, 0, 0, 0]},
              "Member": {
                "Name": "foobar", "Addr": "10.1.10.12", "Port": 8301,
                "Tags": {"dc": "dc1", "role": "consul", "vsn": "2"},
                "Status": 1, "ProtocolMin": 1, "ProtocolMax": 5, "ProtocolCur": 2,
                "DelegateMin": 2, "DelegateMax": 5, "DelegateCur": 4
              },
              "Meta": {"instance_type": "i2.xlarge", "os_version": "ubuntu_16.04"},
              "Stats": {
                "agent": {"check_monitors": "0", "check_ttls": "0", "checks": "0", "services": "1"},
                "build": {"prerelease": "", "revision": "deadbeef", "version": "1.21.5"},
                "raft": {"applied_index": "12", "commit_index": "12", "state": "Leader"}
              }
            }""";
}
