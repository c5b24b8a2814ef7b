package nl.buurtbegroting.service.voting;

/** How a ballot reached the service; only counts per channel are reported. */
public enum Channel {
    /** Cast by the resident through the API. */
    ONLINE,
    /** Entered by staff from a paper form, keyed twice. */
    PAPER
}
