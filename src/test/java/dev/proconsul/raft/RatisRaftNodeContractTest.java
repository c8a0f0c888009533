package dev.proconsul.raft;

class RatisRaftNodeContractTest extends RaftNodeContractTest {
    @Override
    protected RaftNode newStartedNode() throws Exception {
        RatisRaftNode n = RatisRaftNode.builder()
                .serverId("solo")
                .address("127.0.0.1:0")
                .dev(true)
                .raftMultiplier(1)
                .build();
        n.start();
        return n;
    }
}
