package nl.buurtbegroting.core.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
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
        // The key is the hash's first 8 bytes as an unsigned number, which orders leaves as their bytes do; the whole
        // hash decides only between equal keys. Sorting a city's 100,000 leaves by comparing byte arrays was a visible
        // part of the tally.
        record Leaf(CanonicalBallot ballot, Digest hash, long key) {
        }
        List<Leaf> sorted = new ArrayList<>(ballots.size());
        MessageDigest md = Digest.newSha256();
        for (CanonicalBallot b : ballots) {
            byte[] bytes = b.canonicalBytes();
            Digest hash = MerkleTree.leafHash(md, bytes, 0, bytes.length);
            sorted.add(new Leaf(b, hash, ByteBuffer.wrap(hash.bytes()).getLong()));
        }
        sorted.sort((x, y) -> x.key() != y.key() ? Long.compareUnsigned(x.key(), y.key()) : x.hash().compareTo(y.hash()));
        List<CanonicalBallot> order = new ArrayList<>(sorted.size());
        List<Digest> leaves = new ArrayList<>(sorted.size());
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
