package nl.buurtbegroting.core.tiebreak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import nl.buurtbegroting.core.model.Project;
import org.junit.jupiter.api.Test;

class TieBreakingTest {

    private final List<Project> projects = List.of(Project.of("9", 100), Project.of("10", 50), Project.of("2", 50));
    private final long[] support = {5, 5, 7};

    @Test
    void defaultPrefersSupportThenLowerCostThenListedOrder() {
        assertArrayEquals(new int[] {2, 1, 0}, TieBreaking.defaultPolicy().ranks(projects, support));
    }

    @Test
    void idComparesAsStrings() {
        assertArrayEquals(new int[] {2, 0, 1}, new TieBreaking.ById(false).ranks(projects, support));
        assertArrayEquals(new int[] {0, 2, 1}, new TieBreaking.ById(true).ranks(projects, support));
    }

    @Test
    void givenOrderPutsUnlistedProjectsLast() {
        assertArrayEquals(new int[] {2, 0, 1}, TieBreaking.parse("given:10,2").ranks(projects, support));
    }

    @Test
    void seededRandomIsReproducibleAndDependsOnTheSeed() {
        List<Project> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(Project.of("p" + i, 1));
        }
        long[] none = new long[20];
        int[] first = TieBreaking.parse("random:42").ranks(many, none);
        assertArrayEquals(first, new TieBreaking.SeededRandom(42).ranks(many, none));
        assertNotEquals(java.util.Arrays.toString(first),
                java.util.Arrays.toString(new TieBreaking.SeededRandom(43).ranks(many, none)));
    }

    @Test
    void specsParseBack() {
        for (String spec : List.of("default", "id", "id-desc", "given:b,a", "random:-7")) {
            assertEquals(spec, TieBreaking.parse(spec).spec());
        }
    }

    @Test
    void unknownPolicyIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TieBreaking.parse("coin"));
        assertEquals("unknown tie-breaking policy 'coin'; use default, id, id-desc, given:ID,ID,... or random:SEED",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TieBreaking.parse("random:abc"));
    }
}
