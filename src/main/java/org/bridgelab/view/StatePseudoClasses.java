package org.bridgelab.view;

import java.util.EnumMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The states of an enum as CSS pseudo-classes, one at a time on a node: {@code StepState.NO_LONGER_HOLDS} is
 * {@code :no-longer-holds}, {@code ConsoleEntry.Kind.FAILED} is {@code :failed}. A state is a pseudo-class, not
 * a style class made of text, so a cell reused for another item cannot keep the old one.
 */
final class StatePseudoClasses<E extends Enum<E>> {
    private final Map<E, PseudoClass> classes;

    StatePseudoClasses(Class<E> states) {
        classes = new EnumMap<>(states);
        for (E state : states.getEnumConstants()) {
            classes.put(
                    state, PseudoClass.getPseudoClass(state.name().toLowerCase().replace('_', '-')));
        }
    }

    /** Puts {@code node} in {@code state} and in no other of these; null for none of them. */
    void show(Node node, E state) {
        classes.forEach((each, pseudoClass) -> node.pseudoClassStateChanged(pseudoClass, each == state));
    }

    PseudoClass of(E state) {
        return classes.get(state);
    }
}
