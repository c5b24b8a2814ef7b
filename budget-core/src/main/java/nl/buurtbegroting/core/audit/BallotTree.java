package nl.buurtbegroting.core.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The published ballots in their canonical order (ascending leaf hash) and the Merkle tree over them.
 * The service keeps one per published election to answer receipt look-ups, also when the bundle
 * withholds the ballots themselves.
 */
public final class BallotTree {

    private final List<CanonicalBallot> ballots;
    private final List<Digest> leaves;
    private final MerkleTree tree;

    private BallotTree(List<CanonicalBallot> ballots, List<Digest> leaves) {
        this.ballots = List.copyOf(ballots);
        this.leaves = List.copyOf(leaves);
        this.tree = MerkleTree.of(leaves);
    }

    /** Sorts the ballots by leaf hash and builds the tree. */
    public static BallotTree of(Collection<CanonicalBallot> ballots) {
        record Leaf(CanonicalBallot ballot, Digest hash) {
        }
        List<Leaf> sorted = new ArrayList<>(ballots.size());
        MessageDigest md = Digest.newSha256();
        for (CanonicalBallot b : ballots) {
            byte[] bytes = b.canonicalBytes();
            sorted.add(new Leaf(b, MerkleTree.leafHash(md, bytes, 0, bytes.length)));
        }
        sorted.sort(Comparator.comparing(Leaf::hash));
        List<CanonicalBallot> order = new ArrayList<>();
        List<Digest> leaves = new ArrayList<>();
        for (Leaf l : sorted) {
            order.add(l.ballot());
            leaves.add(l.hash());
        }
        return new BallotTree(order, leaves);
    }

    public List<CanonicalBallot> ballots() {
        return ballots;
    }

    public List<Digest> leafHashes() {
        return leaves;
    }

    public Digest root() {
        return tree.root();
    }

    public int size() {
        return leaves.size();
    }

    /** The inclusion proof of the ballot with this leaf hash, if it is in the tree. */
    public Optional<InclusionProof> proof(Digest leafHash) {
        int i = java.util.Collections.binarySearch(leaves, leafHash);
        return i < 0 ? Optional.empty() : Optional.of(tree.proof(i));
    }

    public InclusionProof proof(int index) {
        return tree.proof(index);
    }
}
