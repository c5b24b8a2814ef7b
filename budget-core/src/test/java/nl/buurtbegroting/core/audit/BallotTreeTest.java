package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree's order is ascending leaf hash, byte by byte unsigned, whatever order the ballots come in. */
class BallotTreeTest {

    @Test
    void ordersBallotsByTheirLeafHashesAsUnsignedBytes() {
        List<CanonicalBallot> ballots = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ballots.add(new CanonicalBallot(CanonicalBallot.derivedNonce("tree-order", i), List.of("p" + (i % 7)), null));
        }
        BallotTree tree = BallotTree.of(ballots);
        List<Digest> expected = new ArrayList<>(ballots.stream().map(CanonicalBallot::leafHash).toList());
        expected.sort((a, b) -> java.util.Arrays.compareUnsigned(a.bytes(), b.bytes()));
        assertEquals(expected, tree.leafHashes());
        assertEquals(expected, tree.ballots().stream().map(CanonicalBallot::leafHash).toList());
        assertEquals(MerkleTree.of(expected).root(), tree.root());
    }
}
