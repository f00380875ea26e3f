package io.github.smtplab.lab.demo;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints the story as it happens: each dialogue line after its hop's prefix, followed by its explanation;
 * colour on a terminal, plain text with {@code  # } before the explanation when piped.
 */
final class ConsolePrinter implements Consumer<Story.Item> {

    private static final String RESET = "\u001b[0m";
    private static final String CLIENT = "\u001b[36m";
    private static final String SERVER = "\u001b[33m";
    private static final String NOTE = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";
    /** The column where explanations start, so that they line up. */
    private static final int WIDTH = 60;

    private final PrintWriter out;
    private final boolean colour;

    ConsolePrinter(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void accept(Story.Item item) {
        synchronized (out) {
            switch (item) {
                case Story.Step s -> {
                    out.println();
                    out.println(style(BOLD, "== " + s.number() + ". " + s.title()));
                }
                case Story.Remark r -> out.println(r.text().isEmpty() ? "" : "   " + r.text());
                case Story.Line l -> line(l);
                case Story.Delivery d -> { }   // the page takes it apart; the console showed the header as remarks
            }
            out.flush();
        }
    }

    private void line(Story.Line l) {
        String style = switch (l.line()) {
            case DialogueLine.ReplyLine r -> SERVER;
            case DialogueLine.Command c -> CLIENT;
            case DialogueLine.Pop3Command c -> CLIENT;
            case DialogueLine.Pop3Status s -> SERVER;
            case DialogueLine.Pop3ListingLine p -> SERVER;
            case DialogueLine.AuthResponse a -> CLIENT;
            default -> NOTE;
        };
        String text = String.format("%-" + WIDTH + "s", l.text());
        if (colour) {
            out.println(l.label() + style + text + RESET + NOTE + "  " + l.note() + RESET);
        } else {
            out.println(l.label() + text + "  # " + l.note());
        }
    }

    private String style(String style, String text) {
        return colour ? style + text + RESET : text;
    }
}
