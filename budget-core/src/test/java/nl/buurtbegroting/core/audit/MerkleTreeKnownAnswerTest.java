package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 6962 / RFC 9162 reference tree: the eight leaves, the root of every prefix 0..8 and the
 * inclusion proofs that the Certificate Transparency implementations test against. Values from
 * transparency-dev/merkle, {@code testonly/constants.go} (LeafInputs, RootHashes, NodeHashes) and
 * {@code proof/verify_test.go} (inclusionProofs; there the leaf number is 1-based).
 */
class MerkleTreeKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** Root of the tree of the first n leaves, n = 0..8. */
    static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** Leaf hashes of the reference leaves (NodeHashes level 0). */
    static final List<String> LEAF_HASHES = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

    static List<Digest> leafHashes(int n) {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(HEX.parseHex(LEAVES.get(i))));
        }
        return out;
    }

    static Stream<Arguments> inclusionVectors() {
        return Stream.of(
                Arguments.of(0, 8, List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(5, 8, List.of(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 3, List.of(
                        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(1, 5, List.of(
                        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(0, 1, List.of()));
    }

    @Test
    void leafHashesMatchTheReference() {
        List<Digest> hashes = leafHashes(8);
        for (int i = 0; i < 8; i++) {
            assertEquals(LEAF_HASHES.get(i), hashes.get(i).hex(), "leaf " + i);
        }
    }

    @Test
    void rootOfEveryPrefixMatchesTheReference() {
        for (int n = 0; n <= 8; n++) {
            assertEquals(ROOTS.get(n), MerkleTree.of(leafHashes(n)).root().hex(), "tree of " + n + " leaves");
        }
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @MethodSource("inclusionVectors")
    void buildsTheReferenceInclusionProof(int index, int size, List<String> path) {
        InclusionProof proof = MerkleTree.of(leafHashes(size)).proof(index);
        assertEquals(path, proof.path().stream().map(Digest::hex).toList());
        assertEquals(index, proof.leafIndex());
        assertEquals(size, proof.treeSize());
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @MethodSource("inclusionVectors")
    void verifiesTheReferenceProofAndRejectsEveryCorruption(int index, int size, List<String> path) {
        Digest leaf = leafHashes(8).get(index);
        Digest root = Digest.parseHex(ROOTS.get(size));
        List<Digest> p = path.stream().map(Digest::parseHex).toList();
        assertTrue(new InclusionProof(index, size, p).verifies(leaf, root));

        if (index > 0) {
            assertFalse(new InclusionProof(index - 1, size, p).verifies(leaf, root), "index - 1");
        }
        assertFalse(new InclusionProof(index + 1, size, p).verifies(leaf, root), "index + 1");
        assertFalse(new InclusionProof(index ^ 2, size, p).verifies(leaf, root), "index ^ 2");
        assertFalse(new InclusionProof(index, size * 2, p).verifies(leaf, root), "size * 2");
        if (size > 1) {
            assertFalse(new InclusionProof(index, size / 2, p).verifies(leaf, root), "size / 2");
        }
        assertFalse(new InclusionProof(index, size, p).verifies(MerkleTree.leafHash("WrongLeaf".getBytes()), root));
        assertFalse(new InclusionProof(index, size, p).verifies(leaf, Digest.parseHex(ROOTS.get(0))), "empty root");
        List<Digest> longer = new ArrayList<>(p);
        longer.add(root);
        assertFalse(new InclusionProof(index, size, longer).verifies(leaf, root), "trailing root");
        List<Digest> prefixed = new ArrayList<>(p);
        prefixed.add(0, root);
        assertFalse(new InclusionProof(index, size, prefixed).verifies(leaf, root), "preceding root");
        for (int i = 0; i < p.size(); i++) {
            List<Digest> flipped = new ArrayList<>(p);
            byte[] b = flipped.get(i).bytes();
            b[0] ^= 8;
            flipped.set(i, Digest.of(b));
            assertFalse(new InclusionProof(index, size, flipped).verifies(leaf, root), "flipped proof[" + i + "]");
        }
        if (!p.isEmpty()) {
            assertFalse(new InclusionProof(index, size, p.subList(0, p.size() - 1)).verifies(leaf, root), "removed component");
        }
    }

    @Test
    void everyProofOfEveryReferenceTreeVerifies() {
        for (int n = 1; n <= 8; n++) {
            MerkleTree tree = MerkleTree.of(leafHashes(n));
            for (int i = 0; i < n; i++) {
                assertTrue(tree.proof(i).verifies(tree.leaf(i), Digest.parseHex(ROOTS.get(n))), "leaf " + i + " of " + n);
            }
        }
    }

    /** The level-by-level build against the recursive definition of RFC 9162 §2.1.1, on odd sizes too. */
    @Test
    void matchesTheRecursiveDefinitionOnLargerTrees() {
        Random random = new Random(9162);
        for (int n : new int[] {9, 10, 13, 31, 32, 33, 100, 257}) {
            List<Digest> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] data = new byte[random.nextInt(20)];
                random.nextBytes(data);
                leaves.add(MerkleTree.leafHash(data));
            }
            MerkleTree tree = MerkleTree.of(leaves);
            assertEquals(recursiveRoot(leaves), tree.root(), "root of " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(recursivePath(i, leaves), tree.proof(i).path(), "path of " + i + " in " + n);
                assertTrue(tree.proof(i).verifies(leaves.get(i), tree.root()));
            }
        }
    }

    private static Digest recursiveRoot(List<Digest> d) {
        if (d.isEmpty()) {
            return Digest.sha256();
        }
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return MerkleTree.nodeHash(recursiveRoot(d.subList(0, k)), recursiveRoot(d.subList(k, d.size())));
    }

    private static List<Digest> recursivePath(int m, List<Digest> d) {
        if (d.size() <= 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(d.size() - 1);
        List<Digest> path;
        if (m < k) {
            path = recursivePath(m, d.subList(0, k));
            path.add(recursiveRoot(d.subList(k, d.size())));
        } else {
            path = recursivePath(m - k, d.subList(k, d.size()));
            path.add(recursiveRoot(d.subList(0, k)));
        }
        return path;
    }

    @Test
    void refusesProofsOutsideTheTree() {
        MerkleTree tree = MerkleTree.of(leafHashes(3));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(3));
        assertFalse(new InclusionProof(0, 0, List.of()).verifies(Digest.sha256(), Digest.sha256()));
        assertFalse(new InclusionProof(2, 1, List.of()).verifies(tree.leaf(0), tree.root()));
    }
}
