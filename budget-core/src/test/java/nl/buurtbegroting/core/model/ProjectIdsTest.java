package nl.buurtbegroting.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The compact approved set behaves as the LinkedHashSet copy it replaced: order, distinctness, equality. */
class ProjectIdsTest {

    /** Sizes on both sides of the switch from comparing in order to the hash table. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 12, 13, 40, 300})
    void behavesAsALinkedHashSet(int n) {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            given.add("p" + (i * 7919 % 1000));
            given.add("p" + (i * 7919 % 1000)); // repeated: kept once
        }
        Set<String> expected = new LinkedHashSet<>(given);
        ProjectIds ids = ProjectIds.copyOf(given);
        assertEquals(List.copyOf(expected), List.copyOf(ids));
        assertEquals(expected.size(), ids.size());
        assertEquals(expected, ids);
        assertEquals(ids, expected);
        assertEquals(expected.hashCode(), ids.hashCode());
        assertEquals(expected.toString(), ids.toString());
        for (String id : given) {
            assertTrue(ids.contains(id), id);
        }
        assertFalse(ids.contains("p1000"));
        assertFalse(ids.contains(null));
        assertFalse(ids.contains(42));
        String[] array = given.toArray(new String[0]);
        assertEquals(ids, ProjectIds.copyOf(array, 0, array.length));
        if (n > 2) {
            assertEquals(new LinkedHashSet<>(given.subList(2, given.size() - 1)),
                    ProjectIds.copyOf(array, 2, array.length - 1));
            assertEquals(List.copyOf(new LinkedHashSet<>(given.subList(2, given.size() - 1))),
                    List.copyOf(ProjectIds.copyOf(array, 2, array.length - 1)));
        }
    }

    @Test
    void cannotChange() {
        ProjectIds ids = ProjectIds.copyOf(List.of("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> ids.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> ids.remove("a"));
        Iterator<String> it = ids.iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
        assertSame(ids, ProjectIds.copyOf(ids));
        Object[] array = ids.toArray();
        array[0] = "z";
        assertEquals(List.of("a", "b"), List.copyOf(ids));
    }

    @Test
    void approvalBallotsKeepTheirOrderAndEquality() {
        Set<String> given = new LinkedHashSet<>(List.of("3", "1", "2"));
        ApprovalBallot ballot = new ApprovalBallot("v", given, Map.of());
        given.add("4");
        assertEquals(List.of("3", "1", "2"), List.copyOf(ballot.approved()));
        assertEquals(new ApprovalBallot("v", Set.of("1", "2", "3"), Map.of()), ballot);
        assertEquals(1, ballot.weight("1"));
        assertEquals(0, ballot.weight("4"));
        assertEquals(List.of("b", "a"), List.copyOf(ApprovalBallot.of("b", "a", "b").supported()));
    }
}
