package nl.buurtbegroting.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Profile;

/**
 * Who may vote, from the voter's attributes: a minimum age and membership of one of the election's
 * districts or neighbourhoods. An absent condition admits everyone. A voter whose attribute is missing
 * is not admitted when the condition is set (the municipality must know the voter qualifies).
 *
 * @param minimumAge        youngest age allowed, or null
 * @param districts         admitted districts, or empty for any
 * @param ageAttribute      attribute holding the age in whole years (Pabulib: {@code age})
 * @param districtAttribute attribute holding the district (Pabulib: {@code neighborhood})
 */
public record VoterEligibility(Integer minimumAge, Set<String> districts, String ageAttribute, String districtAttribute) {

    public VoterEligibility {
        districts = districts == null ? Set.of() : Set.copyOf(districts);
        ageAttribute = ageAttribute == null ? "age" : ageAttribute;
        districtAttribute = districtAttribute == null ? "neighborhood" : districtAttribute;
        if (minimumAge != null && minimumAge < 0) {
            throw new IllegalArgumentException("minimum age must not be negative");
        }
    }

    public static VoterEligibility everyone() {
        return new VoterEligibility(null, Set.of(), null, null);
    }

    /** The verdict for one voter. */
    public VoterVerdict check(Map<String, String> attributes) {
        if (minimumAge != null) {
            String age = attributes.get(ageAttribute);
            if (age == null || age.isBlank()) {
                return new VoterVerdict(false, "AGE_UNKNOWN", "age is not known and the minimum age is " + minimumAge);
            }
            int years;
            try {
                years = Integer.parseInt(age.strip());
            } catch (NumberFormatException e) {
                return new VoterVerdict(false, "AGE_UNKNOWN", "age '" + age + "' is not a whole number of years");
            }
            if (years < minimumAge) {
                return new VoterVerdict(false, "TOO_YOUNG", "age " + years + " is below the minimum age of " + minimumAge);
            }
        }
        if (!districts.isEmpty()) {
            String district = attributes.get(districtAttribute);
            if (district == null || district.isBlank()) {
                return new VoterVerdict(false, "DISTRICT_UNKNOWN", "district is not known");
            }
            if (!districts.contains(district.strip())) {
                return new VoterVerdict(false, "OUTSIDE_DISTRICT", "district " + district.strip() + " does not take part");
            }
        }
        return VoterVerdict.ELIGIBLE;
    }

    /** The ballots of admitted voters, and how many were left out for each reason. */
    public Screened screen(Profile profile) {
        List<Ballot> kept = new ArrayList<>();
        Map<String, Integer> excluded = new LinkedHashMap<>();
        for (Ballot b : profile.ballots()) {
            VoterVerdict v = check(b.attributes());
            if (v.eligible()) {
                kept.add(b);
            } else {
                excluded.merge(v.code(), 1, Integer::sum);
            }
        }
        return new Screened(new Profile(kept), excluded);
    }

    /** The verdict on one voter: a stable code ({@code ELIGIBLE}, {@code TOO_YOUNG}...) and a reason. */
    public record VoterVerdict(boolean eligible, String code, String reason) {
        public static final VoterVerdict ELIGIBLE = new VoterVerdict(true, "ELIGIBLE", "");
    }

    /** A profile after screening, with the number of ballots left out per verdict code. */
    public record Screened(Profile profile, Map<String, Integer> excluded) {
        public Screened {
            excluded = Map.copyOf(excluded);
        }
    }
}
