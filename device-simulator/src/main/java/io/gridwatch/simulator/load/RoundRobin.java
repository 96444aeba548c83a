package io.gridwatch.simulator.load;

import java.util.List;
import java.util.function.Predicate;

/**
 * Hands out the elements of a fixed list in turn, skipping those that are not ready, so that a target rate is
 * spread evenly over every connection. Not thread-safe: one scheduler thread owns it.
 *
 * @param <T> the element type
 */
public final class RoundRobin<T> {

    private final List<T> elements;
    private int cursor;

    public RoundRobin(List<T> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("nothing to take turns among");
        }
        this.elements = List.copyOf(elements);
    }

    /** The next element, after the previous one handed out, that is {@code ready}; null when none is. */
    public T next(Predicate<? super T> ready) {
        int size = elements.size();
        for (int tried = 0; tried < size; tried++) {
            T candidate = elements.get(cursor);
            cursor = cursor + 1 == size ? 0 : cursor + 1;
            if (ready.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
