package org.bridgelab.view;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.TimelineRow;

/**
 * Simulation mode over real captures: the sightings the kernel's capture points recorded, replayed one at a
 * time in kernel order (step forward and back, play at 1× down to 0.1×, or one event at a time), each shown
 * on the diagram where it was captured and as the highlighted timeline row. Nothing is made up: a step is a
 * frame a tcpdump really saw, and only one is shown at a time, so two packets overlap only where their
 * sightings did. Live mode (new packets animated as they come) returns with {@link #live()}.
 */
public final class SimulationViewModel {
    /** How long one sighting is shown at 1×. */
    static final double HOP_MILLIS = 700;

    static final List<Double> SPEEDS = List.of(1.0, 0.5, 0.25, 0.1);

    private final PacketTimelineViewModel packets;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<PacketEvent> current = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final BooleanProperty oneAtATime = new SimpleBooleanProperty(false);

    SimulationViewModel(PacketTimelineViewModel packets) {
        this.packets = packets;
    }

    // Properties

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** The sighting shown now, or null. */
    public ReadOnlyObjectProperty<PacketEvent> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Its place among the sightings (0-based), -1 before the first. */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    /** 1.0 down to 0.1: how fast the replay runs. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** Playing stops after each sighting, for the learner to read it. */
    public BooleanProperty oneAtATimeProperty() {
        return oneAtATime;
    }

    // Commands

    /**
     * Enters simulation mode at the selected packet (its first sighting), or at the first sighting when
     * nothing is selected.
     */
    public void start() {
        active.set(true);
        List<PacketEvent> sightings = packets.shownSightings();
        count.set(sightings.size());
        TimelineRow selected = packets.selectedProperty().get();
        int at = 0;
        if (selected != null) {
            for (int i = 0; i < sightings.size(); i++) {
                if (sightings.get(i).travel() == selected.travel()
                                && sightings.get(i).travel() != 0
                        || sightings.get(i).sequence() == selected.sequence()) {
                    at = i;
                    break;
                }
            }
        }
        show(sightings, sightings.isEmpty() ? -1 : at);
    }

    /** The next sighting; false at the end. */
    public boolean stepForward() {
        List<PacketEvent> sightings = packets.shownSightings();
        int next = indexOfCurrent(sightings) + 1;
        if (!active.get() || next >= sightings.size()) {
            playing.set(false);
            return false;
        }
        show(sightings, next);
        return true;
    }

    /** The previous sighting; false at the start. */
    public boolean stepBack() {
        List<PacketEvent> sightings = packets.shownSightings();
        int previous = indexOfCurrent(sightings) - 1;
        if (!active.get() || previous < 0) {
            return false;
        }
        show(sightings, previous);
        return true;
    }

    /** Back to live mode: packets animated as they arrive. */
    public void live() {
        playing.set(false);
        active.set(false);
        current.set(null);
        position.set(-1);
    }

    /** How long the current sighting is shown while playing, at the chosen speed. */
    public double hopMillis() {
        return HOP_MILLIS / Math.max(0.1, Math.min(1.0, speed.get()));
    }

    /** The sighting's place: found again by sequence, since late frames may have been inserted before it. */
    private int indexOfCurrent(List<PacketEvent> sightings) {
        PacketEvent shown = current.get();
        if (shown == null) {
            return -1;
        }
        for (int i = 0; i < sightings.size(); i++) {
            if (sightings.get(i).sequence() == shown.sequence()) {
                return i;
            }
        }
        return -1;
    }

    private void show(List<PacketEvent> sightings, int index) {
        count.set(sightings.size());
        PacketEvent sighting = index < 0 ? null : sightings.get(index);
        current.set(sighting);
        position.set(index);
        if (sighting != null) {
            Optional<TimelineRow> row = packets.rowOf(sighting);
            row.ifPresent(packets.selectedProperty()::set);
        }
    }
}
