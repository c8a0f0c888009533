package dev.proconsul.raft;

class DirectRaftNodeContractTest extends RaftNodeContractTest {
    @Override
    protected RaftNode newStartedNode() {
        DirectRaftNode n = new DirectRaftNode();
        n.start();
        return n;
    }
}
