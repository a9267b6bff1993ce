package org.bridgelab.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.ConntrackEntry;
import org.bridgelab.capture.LabNodes;
import org.bridgelab.capture.NatPair;
import org.bridgelab.capture.NetfilterPath;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.PacketListener;
import org.bridgelab.capture.PacketStore;
import org.bridgelab.capture.Passport;
import org.bridgelab.capture.Protocol;
import org.bridgelab.capture.StoredEvents;
import org.bridgelab.capture.TimelineRow;
import org.bridgelab.kernel.Topology;

/**
 * The packets captured in the lab, as the timeline shows them: one lane per node, one row per packet per
 * wire (a frame seen at both ends of a veth and on the bridge is one packet on one hop, shown at its
 * earliest sighting), in the kernel's time order whatever order the capture points delivered in, NAT
 * translations noted once at the node that made them, filters by protocol and capture point, pause (which
 * holds new packets back, never drops them) and clear. Rows live in a plain list read by a virtualised
 * canvas: 100k packets cost no scene-graph nodes.
 */
public final class PacketTimelineViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PacketTimelineViewModel.class);
    /** The protocol groups a learner filters by; the lab's own IPv6 and multicast chatter starts hidden. */
    public enum Kind {
        ARP("ARP"),
        ICMP("ICMP"),
        TCP("TCP"),
        OTHER("UDP…"),
        CHATTER("IPv6 · IGMP");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final TaskExecutor executor;
    private final LineBatcher<Incoming> batcher;
    private final List<TimelineRow> all = new ArrayList<>();
    private final List<TimelineRow> visible = new ArrayList<>();
    /** The row of each recent packet on each wire; a packet's sightings come within moments, so old ones go. */
    private final Map<String, TimelineRow> rowOnWire = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TimelineRow> eldest) {
            return size() > RECENT_WIRES;
        }
    };
    /**
     * Every sighting at every capture point, in kernel order (what simulation mode replays), bounded: the
     * newest {@link #MAX_SIGHTINGS} count (see {@link #keptSightings()}), older ones are dropped in chunks.
     */
    private final List<PacketEvent> sightings = new ArrayList<>();
    /** One string per MAC and IP address seen (a lab has a few dozen), shared by every row's event. */
    private final Map<String, String> addresses = new HashMap<>();

    private final SimulationViewModel simulation = new SimulationViewModel(this);
    private final Map<Long, NatPair> natByTravel = new HashMap<>();
    private final List<Incoming> held = new ArrayList<>();
    private final ReadOnlyIntegerWrapper heldCount = new ReadOnlyIntegerWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper captureProblem =
            new javafx.beans.property.ReadOnlyStringWrapper("");
    private final ObservableList<String> lanes = FXCollections.observableArrayList();
    private final ObservableList<String> points = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> point = new SimpleObjectProperty<>(null);
    private final Set<Kind> kinds = EnumSet.complementOf(EnumSet.of(Kind.CHATTER));
    private final ObjectProperty<TimelineRow> selected = new SimpleObjectProperty<>();
    private final List<Consumer<PacketEvent>> sightingListeners = new ArrayList<>();

    private volatile CaptureSession session;
    /** The store rows decode their packets from; null while rows hold their events themselves (no capture). */
    private volatile StoredEvents stored;
    /** The store's first sequence when rows were last trimmed to what it holds. */
    private long trimmedBelow;

    private long stepMark = Long.MAX_VALUE;
    /** One more than the highest sequence number shown: where a step starts when there is no session. */
    private long sequencesSeen;

    private TimelineRow anchor;
    private volatile LabNodes nodes;
    /** The latest snapshot and when it was handed over (ns since the epoch, like a packet's timestamp). */
    private volatile Reading latest;

    private record Reading(Topology topology, long followedAtNanos) {}

    PacketTimelineViewModel(TaskExecutor executor) {
        this.executor = executor;
        this.batcher = new LineBatcher<>(executor, this::addFx);
        paused.addListener((obs, was, now) -> {
            if (!now) {
                resumeFx();
            }
        });
    }

    // Properties

    /** Changes whenever the rows shown change, for the canvas to redraw. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public List<TimelineRow> rows() {
        return visible;
    }

    public ObservableList<String> lanes() {
        return lanes;
    }

    /** The capture points, "node/interface", for the filter. */
    public ObservableList<String> points() {
        return points;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Why a wire of the lab is not being captured (tcpdump's words), or "" when every wire is. */
    public javafx.beans.property.ReadOnlyStringProperty captureProblemProperty() {
        return captureProblem.getReadOnlyProperty();
    }

    /** How many packets arrived while paused, waiting to be shown on resume. */
    public ReadOnlyIntegerProperty heldProperty() {
        return heldCount.getReadOnlyProperty();
    }

    /** The capture point shown ("host/br0"), or null for all of them. */
    public ObjectProperty<String> pointProperty() {
        return point;
    }

    public ObjectProperty<TimelineRow> selectedProperty() {
        return selected;
    }

    /**
     * A step starts: its first packet will be the timeline's anchor, kept in view while the step's packets
     * come in (the ARP that answers a step's prediction must not scroll away under later packets).
     */
    public void markStep() {
        // read on the caller's thread, as the step starts: its packets are the ones stored from now on
        CaptureSession current = session;
        long mark = current == null ? -1 : current.store().nextSequence();
        executor.runOnFx(() -> {
            stepMark = mark < 0 ? sequencesSeen : mark;
            anchor = null;
        });
    }

    /** Where the current step's first shown packet is among the rows, or -1 if it has none yet. */
    public int anchorIndex() {
        TimelineRow first = anchor;
        if (first == null) {
            return -1;
        }
        int low = 0;
        int high = visible.size() - 1;
        long time = first.timeNanos();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (visible.get(middle).timeNanos() < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int i = low; i < visible.size() && visible.get(i).timeNanos() == time; i++) {
            if (visible.get(i) == first) {
                return i;
            }
        }
        return -1;
    }

    /** Simulation mode: the captured packets replayed hop by hop. */
    public SimulationViewModel simulation() {
        return simulation;
    }

    /** Every sighting kept, in kernel order, that the filters let through: what simulation mode steps over. */
    List<PacketEvent> shownSightings() {
        return keptSightings().stream().filter(this::accepts).toList();
    }

    /** The row's packet at every capture point that saw it, in kernel order, with what changed hop by hop. */
    public List<Passport.Stamp> passport(TimelineRow row) {
        CaptureSession current = session;
        return Passport.of(journeyOf(row), sequence -> {
            if (current == null || sequence < current.store().firstSequence()) {
                return null;
            }
            return current.store().record(sequence).data();
        });
    }

    /**
     * What the latest snapshot's conntrack tables say of the row's packet: its entry, or that none is listed;
     * empty where there is nothing honest to say (see {@link ConntrackEntry#passportLine}).
     */
    public Optional<ConntrackEntry.Said> conntrack(TimelineRow row) {
        Reading reading = latest;
        if (reading == null) {
            return Optional.empty();
        }
        List<PacketEvent> journey = journeyOf(row);
        long last =
                journey.stream().mapToLong(PacketEvent::timestampNanos).max().orElse(Long.MAX_VALUE);
        return ConntrackEntry.passportLine(journey, reading.topology(), reading.followedAtNanos() >= last);
    }

    /** Every kept sighting of the row's packet (the row's own, for a packet with no travel number). */
    private List<PacketEvent> journeyOf(TimelineRow row) {
        long travel = row.travel();
        return travel == 0
                ? List.of(row.event())
                : keptSightings().stream()
                        .filter(sighting -> sighting.travel() == travel)
                        .toList();
    }

    /** The row that shows this sighting: the same packet on the same wire. */
    Optional<TimelineRow> rowOf(PacketEvent sighting) {
        TimelineRow row = sighting.travel() == 0
                ? null
                : rowOnWire.get(wireOf(TimelineRow.of(sighting, nodes, sequence -> sighting)));
        if (row == null) {
            row = all.stream()
                    .filter(candidate -> candidate.sequence() == sighting.sequence())
                    .findFirst()
                    .orElse(null);
        }
        return Optional.ofNullable(row);
    }

    public boolean shows(Kind kind) {
        return kinds.contains(kind);
    }

    // Commands

    public void show(Kind kind, boolean shown) {
        if (shown) {
            kinds.add(kind);
        } else {
            kinds.remove(kind);
        }
        refilter();
    }

    public void choosePoint(String label) {
        point.set(label);
        refilter();
    }

    public void clear() {
        trimmedBelow = 0;
        all.clear();
        visible.clear();
        rowOnWire.clear();
        sightings.clear();
        addresses.clear();
        anchor = null;
        natByTravel.clear();
        held.clear();
        heldCount.set(0);
        selected.set(null);
        version.set(version.get() + 1);
    }

    /** Writes every captured frame, of every point, to a pcapng file (off the FX thread). */
    public void exportPcap(Path file, Consumer<String> doneFx) {
        CaptureSession current = session;
        if (current == null) {
            return;
        }
        executor.execute(
                () -> {
                    current.exportPcapng(file);
                    return file;
                },
                written -> doneFx.accept("written " + written),
                error -> doneFx.accept("cannot write: " + error.getMessage()));
    }

    /**
     * The netfilter path the row's packet took, when netfilter was traced: the one path whose header is one
     * of the packet's sightings (the same rule as {@code --timeline}'s, {@link NetfilterPath#tracedOf}).
     */
    public Optional<NetfilterPath> netfilterPath(TimelineRow row) {
        CaptureSession current = session;
        return current == null ? Optional.empty() : NetfilterPath.tracedOf(journeyOf(row), current.netfilterPaths());
    }

    /** The frame's bytes as captured, if the store still holds them. */
    public Optional<byte[]> bytes(TimelineRow row) {
        CaptureSession current = session;
        if (current == null || row.sequence() < current.store().firstSequence()) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.store().record(row.sequence())).map(record -> record.data());
    }

    /** Called on the FX thread for every sighting of a packet (to move a token along the diagram). */
    public void onSighting(Consumer<PacketEvent> listener) {
        sightingListeners.add(listener);
    }

    public String nodeOfMac(String mac) {
        LabNodes known = nodes;
        return known == null ? null : known.nodeOfMac(mac);
    }

    // Lab side (worker thread)

    /** Follows a new lab's capture session. */
    void attach(CaptureSession capture) {
        session = capture;
        stored = new StoredEvents(capture.store());
        nodes = null;
        capture.subscribe(new PacketListener() {
            @Override
            public void packet(PacketEvent event) {
                receive(event);
            }

            @Override
            public void natPair(NatPair pair) {
                receive(pair);
            }
        });
        executor.runOnFx(this::clear);
    }

    /**
     * Learns the lab's nodes from a fresh snapshot (to name the ends of each packet's hop, and the lanes), and
     * keeps it for the passport's conntrack lines. Called by the lab session on the thread that read it.
     */
    synchronized void learn(Topology topology, long readAtNanos) {
        latest = new Reading(topology, readAtNanos);
        LabNodes known = nodes;
        if (known == null) {
            known = LabNodes.of(topology);
            nodes = known;
        } else {
            known.learn(topology);
        }
        List<String> laneNames = known.lanes();
        executor.runOnFx(() -> {
            if (!lanes.equals(laneNames)) {
                lanes.setAll(laneNames);
            }
        });
    }

    /** The wires the lab session captures now, for the filter, and why a wanted one is not. */
    void capturing(List<CapturePoint> captured, String problem) {
        List<String> pointNames =
                captured.stream().map(CapturePoint::label).sorted().toList();
        executor.runOnFx(() -> {
            captureProblem.set(problem);
            if (!points.equals(pointNames)) {
                points.setAll(pointNames);
            }
        });
    }

    /** A sighting from a capture thread (or a test): shown on the FX thread with the next batch. */
    void receive(PacketEvent event) {
        batcher.add(new Incoming(event, null));
    }

    /** A NAT pair found or corrected: replaces the earlier pair of the same packet. */
    void receive(NatPair pair) {
        batcher.add(new Incoming(null, pair));
    }

    // FX side

    /** Rows decode their packets from this store (the timeline benchmark fills one with recorded frames). */
    void attach(PacketStore store) {
        stored = new StoredEvents(store);
    }

    /** Shows events as if captured (the timeline benchmark feeds it recorded frames this way). */
    void showFx(List<PacketEvent> events) {
        addFx(events.stream().map(event -> new Incoming(event, null)).toList());
    }

    private void addFx(List<Incoming> batch) {
        // the capture points deliver on their own: the diagram is told in the kernel's order
        batch.stream()
                .map(Incoming::event)
                .filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingLong(PacketEvent::timestampNanos))
                .forEach(event -> sightingListeners.forEach(listener -> listener.accept(event)));
        boolean changed = false;
        for (Incoming incoming : batch) {
            if (paused.get()) {
                held.add(incoming);
                continue;
            }
            changed |= showFx(incoming);
        }
        heldCount.set(held.size());
        changed |= trimToStore();
        if (changed) {
            version.set(version.get() + 1);
        }
    }

    /**
     * Drops the rows and sightings whose frames the store has dropped to stay within its bounds, so that the
     * timeline holds no more than the capture does (a day-long capture would otherwise fill the heap).
     */
    private boolean trimToStore() {
        StoredEvents source = stored;
        long first = source == null ? 0 : source.store().firstSequence();
        if (first <= trimmedBelow) {
            return false;
        }
        trimmedBelow = first;
        all.removeIf(row -> row.sequence() < first);
        visible.removeIf(row -> row.sequence() < first);
        sightings.removeIf(sighting -> sighting.sequence() < first);
        rowOnWire.values().removeIf(row -> row.sequence() < first);
        if (anchor != null && anchor.sequence() < first) {
            anchor = null;
        }
        if (selected.get() != null && selected.get().sequence() < first) {
            selected.set(null);
        }
        return true;
    }

    private void resumeFx() {
        boolean changed = false;
        for (Incoming incoming : held) {
            changed |= showFx(incoming);
        }
        held.clear();
        heldCount.set(0);
        if (changed) {
            version.set(version.get() + 1);
        }
    }

    private boolean showFx(Incoming incoming) {
        if (incoming.pair() != null) {
            natByTravel.put(incoming.pair().travel(), incoming.pair());
            return true;
        }
        PacketEvent event = withSharedAddresses(incoming.event());
        sequencesSeen = Math.max(sequencesSeen, event.sequence() + 1);
        insertByTime(sightings, event, PacketEvent::timestampNanos);
        if (sightings.size() > MAX_SIGHTINGS + MAX_SIGHTINGS / 16) {
            // an ArrayList's remove(0) moves every element: one chunk at a time instead of once a packet
            sightings.subList(0, sightings.size() - MAX_SIGHTINGS).clear();
        }
        StoredEvents source = stored;
        TimelineRow row;
        if (source == null) {
            PacketEvent held = event;
            row = TimelineRow.of(event, nodes, sequence -> held);
        } else {
            source.remember(event);
            row = TimelineRow.of(event, nodes, source);
        }
        if (event.travel() != 0) {
            // the same packet on the same wire, seen at both of its ends or on the bridge: one row, at the
            // earliest sighting (a capture point may deliver it after a later one)
            String wire = wireOf(row);
            TimelineRow earlier = rowOnWire.get(wire);
            if (earlier != null && earlier.timeNanos() <= event.timestampNanos()) {
                return false;
            }
            if (earlier != null) {
                all.remove(earlier);
                visible.remove(earlier);
                if (selected.get() == earlier) {
                    selected.set(row);
                }
            }
            rowOnWire.put(wire, row);
        }
        insertByTime(all, row, ROW_TIME);
        if (accepts(row)) {
            insertByTime(visible, row, ROW_TIME);
            if (event.sequence() >= stepMark
                    && (anchor == null || ROW_TIME.applyAsLong(row) < ROW_TIME.applyAsLong(anchor))) {
                anchor = row;
            }
        }
        return true;
    }

    /** The newest sightings kept: what a list cut to its bound after every insertion would hold. */
    private List<PacketEvent> keptSightings() {
        return sightings.subList(Math.max(0, sightings.size() - MAX_SIGHTINGS), sightings.size());
    }

    /**
     * The same event with its address strings shared with earlier rows' (equal, not the same objects, as
     * each comes from the decoder): a million rows would otherwise hold four million copies of a few dozen
     * addresses, about 250 of the ~480 bytes a row costs.
     */
    private PacketEvent withSharedAddresses(PacketEvent e) {
        if (addresses.size() > MAX_ADDRESSES) {
            addresses.clear();
        }
        return new PacketEvent(
                e.sequence(),
                e.point(),
                e.timestampNanos(),
                e.length(),
                shared(e.srcMac()),
                shared(e.dstMac()),
                e.protocol(),
                shared(e.srcIp()),
                shared(e.dstIp()),
                e.srcPort(),
                e.dstPort(),
                e.ipId(),
                e.identity(),
                e.summary(),
                e.travel(),
                e.vni());
    }

    private String shared(String address) {
        if (address == null) {
            return null;
        }
        String known = addresses.putIfAbsent(address, address);
        return known == null ? address : known;
    }

    private static String wireOf(TimelineRow row) {
        return row.travel() + "|" + row.from() + "|" + row.to();
    }

    private static final ToLongFunction<TimelineRow> ROW_TIME = TimelineRow::timeNanos;
    static final int MAX_SIGHTINGS = 200_000;
    static final int RECENT_WIRES = 20_000;
    private static final int MAX_ADDRESSES = 4096;

    /** Puts an item after every item with an earlier or equal kernel time: late arrivals go where they belong. */
    private static <T> void insertByTime(List<T> items, T item, ToLongFunction<T> time) {
        int at = items.size();
        while (at > 0 && time.applyAsLong(items.get(at - 1)) > time.applyAsLong(item)) {
            at--;
        }
        items.add(at, item);
    }

    /**
     * The translation this row shows, or null: a pair is shown once, on the row of the packet's first
     * sighting after the rewrite (captured on the node that made it).
     */
    public NatPair natOf(TimelineRow row) {
        NatPair pair = natByTravel.get(row.travel());
        return pair != null && pair.after().sequence() == row.sequence() ? pair : null;
    }

    private void refilter() {
        visible.clear();
        all.stream().filter(this::accepts).forEach(visible::add);
        version.set(version.get() + 1);
    }

    private boolean accepts(TimelineRow row) {
        return accepts(row.point(), row.protocol());
    }

    private boolean accepts(PacketEvent event) {
        return accepts(event.point(), event.protocol());
    }

    private boolean accepts(CapturePoint at, Protocol protocol) {
        if (point.get() != null && !point.get().equals(at.label())) {
            return false;
        }
        return kinds.contains(kindOf(protocol));
    }

    public static Kind kindOf(Protocol protocol) {
        return switch (protocol) {
            case ARP -> Kind.ARP;
            case ICMP -> Kind.ICMP;
            case TCP -> Kind.TCP;
            case IPV6, IGMP -> Kind.CHATTER;
            default -> Kind.OTHER;
        };
    }

    private record Incoming(PacketEvent event, NatPair pair) {}
}
