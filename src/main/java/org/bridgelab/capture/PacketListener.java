package org.bridgelab.capture;

/**
 * Follows a capture session as frames arrive. Called on a capture thread, in order, while the session holds
 * its lock: be quick (queue the event and return; the GUI batches them onto the FX thread).
 */
public interface PacketListener {
    void packet(PacketEvent event);

    /**
     * A packet was recognised as the translation of an earlier one, or a pair told before was corrected
     * (better sightings, or its kind once the forward translation of a reply was seen): the pair replaces
     * any earlier one of the same {@link NatPair#travel()}.
     */
    default void natPair(NatPair pair) {}
}
