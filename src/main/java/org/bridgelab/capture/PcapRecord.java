package org.bridgelab.capture;

/** One captured frame: kernel timestamp (ns since the epoch), the bytes kept, and the frame's real length. */
public record PcapRecord(long timestampNanos, byte[] data, int originalLength) {}
