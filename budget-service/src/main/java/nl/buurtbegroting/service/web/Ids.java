package nl.buurtbegroting.service.web;

/** Election ids from a page's address: anything but a plain positive number is no election (-1). */
public final class Ids {

    private Ids() {
    }

    public static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(id);
    }
}
