package nl.buurtbegroting.core.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 §2.1 (the Certificate Transparency tree) over SHA-256: a leaf hash is
 * {@code SHA-256(0x00 || data)}, an inner node {@code SHA-256(0x01 || left || right)}, and a tree of
 * n &gt; 1 leaves splits at the largest power of two below n. The empty tree's root is SHA-256 of nothing.
 *
 * <p>It is built bottom-up, level by level, carrying an unpaired last node up unchanged; that yields the
 * same hashes as the recursive definition and keeps every level, so a proof costs O(log n) after an
 * O(n) build.
 */
public final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private final List<Digest[]> levels;

    private MerkleTree(List<Digest[]> levels) {
        this.levels = levels;
    }

    /** The tree over leaves given by their leaf hashes, in order. */
    public static MerkleTree of(List<Digest> leafHashes) {
        List<Digest[]> levels = new ArrayList<>();
        Digest[] level = leafHashes.toArray(new Digest[0]);
        levels.add(level);
        // One digest object for the whole build: looking up a new one per node was a visible part of hashing a city's tree.
        MessageDigest md = Digest.newSha256();
        while (level.length > 1) {
            Digest[] up = new Digest[(level.length + 1) / 2];
            for (int i = 0; i < up.length; i++) {
                int l = 2 * i;
                up[i] = l + 1 < level.length ? nodeHash(md, level[l], level[l + 1]) : level[l];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    public static Digest leafHash(byte[] data) {
        return Digest.sha256(LEAF_PREFIX, data);
    }

    /** The leaf hash of {@code data[off, off + len)} with a digest object the caller reuses over many leaves. */
    static Digest leafHash(MessageDigest md, byte[] data, int off, int len) {
        md.update(LEAF_PREFIX);
        md.update(data, off, len);
        return Digest.of(md.digest());
    }

    public static Digest nodeHash(Digest left, Digest right) {
        return Digest.sha256(NODE_PREFIX, left.bytes(), right.bytes());
    }

    private static Digest nodeHash(MessageDigest md, Digest left, Digest right) {
        md.update(NODE_PREFIX);
        md.update(left.bytes());
        md.update(right.bytes());
        return Digest.of(md.digest());
    }

    public int size() {
        return levels.get(0).length;
    }

    public Digest leaf(int index) {
        return levels.get(0)[index];
    }

    /** The tree head: SHA-256 of the empty string for an empty tree. */
    public Digest root() {
        Digest[] top = levels.get(levels.size() - 1);
        return top.length == 0 ? Digest.sha256() : top[0];
    }

    /** The audit path of the leaf at {@code index} (RFC 9162 §2.1.3.1). */
    public InclusionProof proof(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + size());
        }
        List<Digest> path = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            Digest[] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling]);
            }
            i >>= 1;
        }
        return new InclusionProof(index, size(), path);
    }
}
