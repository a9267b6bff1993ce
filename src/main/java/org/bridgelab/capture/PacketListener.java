package org.bridgelab.capture;

/**
 * Follows a capture session as frames arrive. Called on a capture thread, in order, while the session holds
 * its lock: be quick (queue the event and return; the GUI batches them onto the FX thread).
 */
public interface PacketListener {
    void packet(PacketEvent event);

    /** A packet was just recognised as the translation of an earlier one (or the other way round). */
    default void natPair(NatPair pair) {
    }
}
