package io.github.smtplab.lab.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything the demo showed, in order: step titles, dialogue lines with their explanations, remarks.
 * The console prints each item as it is added; the HTML page draws the whole story at the end. The
 * parties (lanes of the sequence diagram) are data: a later step adds its own lane with {@link #addLane}.
 */
public final class Story {

    /**
     * A party of the mail path, one column of the sequence diagram.
     *
     * @param id       a short identifier, e.g. {@code mx}
     * @param title    what it is, e.g. "MX (MTA)"
     * @param host     its host name or address
     */
    public record Lane(String id, String title, String host) {}

    /** One thing shown. */
    public sealed interface Item {}

    /** The start of a numbered step. */
    public record Step(int number, String title) implements Item {}

    /**
     * A line of a dialogue between two lanes, explained.
     *
     * @param from  the lane that sends it (for an event, the client of the connection)
     * @param to    the lane that receives it (for an event, the server of the connection)
     * @param label the console prefix naming the hop, e.g. {@code [alice → smtp.monentreprise.fr]}
     * @param line  the line and its context
     * @param text  the line as shown
     * @param note  its explanation, with RFC sections
     * @param tls   inside TLS on this hop
     * @param auth  inside an AUTH exchange on this hop
     */
    public record Line(String from, String to, String label, DialogueLine line, String text, String note, boolean tls, boolean auth)
            implements Item {
        /** Checks that nothing is missing. */
        public Line {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(note, "note");
        }
    }

    /** A sentence that is not a dialogue line (where the servers listen, a summary). */
    public record Remark(String text) implements Item {}

    /**
     * The delivered message taken apart, shown at the end of the page.
     *
     * @param mailbox  whose copy
     * @param message  its octets as stored
     */
    public record Delivery(String mailbox, byte[] message) implements Item {}

    private final List<Lane> lanes = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private final Consumer<Item> onAdd;

    /** A story whose items are also passed to {@code onAdd} as they come (the console printer). */
    public Story(List<Lane> lanes, Consumer<Item> onAdd) {
        this.lanes.addAll(lanes);
        this.onAdd = onAdd;
    }

    /** Adds a party (a later step such as reading the mailbox). */
    public synchronized void addLane(Lane lane) {
        lanes.add(lane);
    }

    /** Adds an item and shows it. Dialogues on several threads (the queue, the MX) add concurrently. */
    public synchronized void add(Item item) {
        items.add(item);
        onAdd.accept(item);
    }

    /** The parties, left to right. */
    public synchronized List<Lane> lanes() {
        return List.copyOf(lanes);
    }

    /** The items, in the order they were added. */
    public synchronized List<Item> items() {
        return List.copyOf(items);
    }

    /** The number of arrows the diagram draws: one per dialogue line that goes from one party to another. */
    public synchronized long arrows() {
        return items.stream().filter(i -> i instanceof Line l && l.line().isArrow()).count();
    }
}
