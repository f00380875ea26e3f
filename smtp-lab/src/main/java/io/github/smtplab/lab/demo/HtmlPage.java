package io.github.smtplab.lab.demo;

import io.github.smtplab.lab.explain.HeaderNotes;
import io.github.smtplab.lab.explain.Messages;
import io.github.smtplab.lab.explain.MimeTree;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.ParsedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's story as one self-contained HTML page: a sequence diagram drawn in inline SVG (one lane per
 * party, one arrow per dialogue line, TLS and AUTH spans shaded), each line's explanation shown on click
 * with links to its RFC sections, then the delivered message taken apart. Inline CSS and script only:
 * the page loads nothing. Every text from the story is escaped before it is inserted.
 */
public final class HtmlPage {

    private static final int LANE_GAP = 240;
    private static final int LEFT = 170;
    private static final int TOP = 92;
    private static final int ROW = 22;
    private static final int STEP_ROW = 34;
    /** Roughly how wide one character of a label is, to shorten labels that would cross too many lanes. */
    private static final double CHAR_WIDTH = 6.7;
    private static final Pattern RFC = Pattern.compile("RFC (\\d{3,5})(?: §([0-9][0-9.]*[0-9]|[0-9]))?|§([0-9][0-9.]*[0-9]|[0-9])");

    private HtmlPage() {}

    /** The page for {@code story}, its words in the language of {@code messages}. */
    public static String render(Story story, Messages messages) {
        List<Story.Lane> lanes = story.lanes();
        Map<String, Integer> x = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            x.put(lanes.get(i).id(), LEFT + i * LANE_GAP);
        }
        int width = 2 * LEFT + (lanes.size() - 1) * LANE_GAP;
        StringBuilder rows = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        List<int[]> tlsSpans = new ArrayList<>();
        List<int[]> authSpans = new ArrayList<>();
        Map<String, int[]> openTls = new HashMap<>();
        Map<String, int[]> openAuth = new HashMap<>();
        int y = TOP;
        int index = 0;
        int featured = 0;
        Story.Delivery delivery = null;
        for (Story.Item item : story.items()) {
            switch (item) {
                case Story.Step s -> {
                    y += STEP_ROW;
                    rows.append("<g class=\"step\"><rect x=\"0\" y=\"").append(y - 22).append("\" width=\"").append(width)
                            .append("\" height=\"26\"/><text x=\"10\" y=\"").append(y - 4).append("\">")
                            .append(esc(s.number() + ". " + s.title())).append("</text></g>\n");
                }
                case Story.Line l -> {
                    Integer from = x.get(l.from());
                    Integer to = x.get(l.to());
                    if (from == null || to == null) {
                        continue;
                    }
                    y += ROW;
                    index++;
                    span(l.label(), l.tls(), y, from, to, openTls, tlsSpans);
                    span(l.label(), l.auth(), y, from, to, openAuth, authSpans);
                    rows.append(l.line().isArrow() ? arrow(l, index, from, to, y, width) : event(l, index, from, to, y, width));
                    if (featured == 0 && l.line() instanceof DialogueLine.ReplyLine r && r.answers().verb().equals("STARTTLS")) {
                        featured = index;   // the page opens on the line the old demo got wrong: a 220 that is no greeting
                    }
                    notes.append("<div id=\"n").append(index).append("\"><p class=\"hop\">").append(esc(l.label().strip()))
                            .append("</p><pre>").append(esc(l.text())).append("</pre><p>").append(linked(l.note())).append("</p></div>\n");
                }
                case Story.Remark r -> { }
                case Story.Delivery d -> delivery = d;
            }
        }
        openTls.values().forEach(tlsSpans::add);
        openAuth.values().forEach(authSpans::add);
        int height = y + 40;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\">\n");
        for (int[] s : tlsSpans) {
            svg.append(shade("tls", "TLS", s));
        }
        for (int[] s : authSpans) {
            svg.append(shade("auth", "AUTH", s));
        }
        for (Story.Lane lane : lanes) {
            int cx = x.get(lane.id());
            // "Submission server (MSA, port 587)": the name on one line, the role in parentheses on the next
            int open = lane.title().endsWith(")") ? lane.title().lastIndexOf(" (") : -1;
            String name = open > 0 ? lane.title().substring(0, open) : lane.title();
            String role = open > 0 ? lane.title().substring(open + 2, lane.title().length() - 1) : "";
            svg.append("<g class=\"lane\" data-lane=\"").append(esc(lane.id())).append("\"><line x1=\"").append(cx).append("\" y1=\"70\" x2=\"")
                    .append(cx).append("\" y2=\"").append(height).append("\"/><rect x=\"").append(cx - 116).append("\" y=\"6\" width=\"232\" height=\"64\" rx=\"6\"/>")
                    .append("<text x=\"").append(cx).append("\" y=\"24\" class=\"title\">").append(esc(name)).append("</text>")
                    .append("<text x=\"").append(cx).append("\" y=\"43\" class=\"role\">").append(esc(role)).append("</text>")
                    .append("<text x=\"").append(cx).append("\" y=\"61\" class=\"host\">").append(esc(lane.host())).append("</text></g>\n");
        }
        svg.append(rows).append("</svg>\n");

        String lang = messages.language().code();
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(messages.text("page.title"))).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(esc(messages.text("page.title"))).append("</h1><p>").append(esc(messages.text("page.intro")))
                .append("</p><p class=\"legend\"><span class=\"key tls\">TLS</span> ").append(esc(messages.text("page.legend.tls")))
                .append(" <span class=\"key auth\">AUTH</span> ").append(esc(messages.text("page.legend.auth")))
                .append(" <span class=\"key c\">C:</span> ").append(esc(messages.text("page.legend.client")))
                .append(" <span class=\"key s\">S:</span> ").append(esc(messages.text("page.legend.server")))
                .append(" <span class=\"key dns\">DNS</span> ").append(esc(messages.text("page.legend.dns"))).append("</p></header>\n")
                .append("<div class=\"layout\"><div class=\"scroll\">").append(svg).append("</div>\n")
                .append("<aside id=\"panel\" aria-live=\"polite\"><h2>").append(esc(messages.text("page.panel"))).append("</h2><div id=\"explanation\"><p>")
                .append(esc(messages.text("page.hint"))).append("</p></div></aside></div>\n")
                .append("<div id=\"notes\" hidden data-featured=\"").append(featured).append("\">\n").append(notes).append("</div>\n");
        if (delivery != null) {
            page.append(message(delivery, messages));
        }
        page.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    /** Opens, extends or closes the shaded span of one hop (TLS or AUTH) at row {@code y}. */
    private static void span(String hop, boolean on, int y, int from, int to, Map<String, int[]> open, List<int[]> done) {
        int[] current = open.get(hop);
        if (on && current == null) {
            open.put(hop, new int[] {Math.min(from, to), Math.max(from, to), y - ROW + 4, y + 6});
        } else if (on) {
            current[3] = y + 6;
        } else if (current != null) {
            done.add(open.remove(hop));
        }
    }

    private static String shade(String kind, String label, int[] s) {
        return "<g class=\"span " + kind + "\"><rect x=\"" + (s[0] - 6) + "\" y=\"" + s[2] + "\" width=\"" + (s[1] - s[0] + 12)
                + "\" height=\"" + (s[3] - s[2]) + "\"/><text x=\"" + (s[1] + 10) + "\" y=\"" + (s[2] + 12) + "\">" + label + "</text></g>\n";
    }

    private static String arrow(Story.Line l, int index, int from, int to, int y, int width) {
        String kind = switch (l.line()) {
            case DialogueLine.ReplyLine r -> "s";
            case DialogueLine.Pop3Status s -> "s";
            case DialogueLine.Pop3ListingLine p -> "s";
            case DialogueLine.Pop3Message m -> "s";
            case DialogueLine.DnsLookup d -> "dns";
            case DialogueLine.Delivered d -> "dlv";
            default -> "c";
        };
        int direction = to > from ? 1 : -1;
        int tip = to - direction * 3;
        String label = fit(l.text(), from, to, width);
        return "<g class=\"arrow " + kind + "\" data-i=\"" + index + "\" tabindex=\"0\"><title>" + esc(l.text() + "\n" + l.note()) + "</title>"
                + "<rect class=\"hit\" x=\"" + (Math.min(from, to) - 60) + "\" y=\"" + (y - 17) + "\" width=\"" + (Math.abs(to - from) + 120) + "\" height=\"" + ROW + "\"/>"
                + "<line x1=\"" + from + "\" y1=\"" + y + "\" x2=\"" + tip + "\" y2=\"" + y + "\"/>"
                + "<polygon points=\"" + to + "," + y + " " + (to - direction * 9) + "," + (y - 4) + " " + (to - direction * 9) + "," + (y + 4) + "\"/>"
                + "<text x=\"" + labelX(label, from, to, width) + "\" y=\"" + (y - 4) + "\">" + esc(label) + "</text></g>\n";
    }

    private static String event(Story.Line l, int index, int from, int to, int y, int width) {
        String label = fit(l.text(), from, to, width);
        return "<g class=\"event\" data-i=\"" + index + "\" tabindex=\"0\"><title>" + esc(l.text() + "\n" + l.note()) + "</title>"
                + "<text x=\"" + labelX(label, from, to, width) + "\" y=\"" + (y - 4) + "\">" + esc(label) + "</text></g>\n";
    }

    /** The text, shortened with "…" when it would reach far beyond its two lanes or out of the picture (the panel shows it whole). */
    private static String fit(String text, int from, int to, int width) {
        int maxChars = (int) (Math.min(Math.abs(to - from) + 2 * LEFT - 40, width - 16) / CHAR_WIDTH);
        return text.length() > maxChars ? text.substring(0, maxChars - 1) + "…" : text;
    }

    /** The centre of a label: midway between the lanes, moved inwards so that it stays inside the picture. */
    private static int labelX(String label, int from, int to, int width) {
        int half = (int) (label.length() * CHAR_WIDTH / 2) + 8;
        return Math.max(half, Math.min(width - half, (from + to) / 2));
    }

    /** The delivered message: its header fields explained, the trace read bottom-up, the MIME tree. */
    private static String message(Story.Delivery delivery, Messages messages) {
        ParsedMessage parsed = Message.parse(delivery.message());
        HeaderNotes notes = new HeaderNotes(messages);
        StringBuilder out = new StringBuilder("<section id=\"message\"><h2>")
                .append(esc(messages.text("page.message", delivery.mailbox()))).append("</h2>\n<h3>")
                .append(esc(messages.text("inspect.trace"))).append("</h3><ol class=\"trace\">");
        for (HeaderNotes.Field f : notes.traceBottomUp(parsed.headers())) {
            out.append("<li><code>").append(esc(f.value())).append("</code></li>");
        }
        out.append("</ol>\n<h3>").append(esc(messages.text("inspect.header"))).append("</h3>\n<table class=\"fields\">\n");
        for (HeaderNotes.Field f : notes.explain(parsed.headers())) {
            out.append("<tr class=\"field\"><th>").append(esc(f.name())).append("</th><td><code>").append(esc(f.value())).append("</code><p>")
                    .append(linked(f.note())).append("</p>");
            if (!f.tags().isEmpty()) {
                out.append("<dl>");
                for (HeaderNotes.Tag t : f.tags()) {
                    out.append("<dt><code>").append(esc(t.name())).append("</code> <code class=\"v\">").append(esc(t.value()))
                            .append("</code></dt><dd>").append(linked(t.note())).append("</dd>");
                }
                out.append("</dl>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</table>\n<h3>").append(esc(messages.text("inspect.mime"))).append("</h3>\n<p>").append(linked(messages.text("mime.intro")))
                .append("</p><ul class=\"mime\">\n");
        for (MimeTree.Row row : MimeTree.of(parsed.root())) {
            out.append("<li style=\"margin-left:").append(row.depth() * 24).append("px\"><code>").append(esc(MimeTree.describe(row, messages).strip()))
                    .append("</code>");
            row.text().ifPresent(t -> out.append("<pre>").append(esc(t)).append("</pre>"));
            out.append("</li>\n");
        }
        return out.append("</ul></section>\n").toString();
    }

    /** Escaped text with each "RFC 5321 §4.1.1" (and a following "§4.2" of the same RFC) made a link to rfc-editor.org. */
    static String linked(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = RFC.matcher(text);
        int last = 0;
        String rfc = null;
        while (m.find()) {
            out.append(esc(text.substring(last, m.start())));
            if (m.group(1) != null) {
                rfc = m.group(1);
            }
            String section = m.group(1) != null ? m.group(2) : m.group(3);
            if (rfc == null) {
                out.append(esc(m.group()));
            } else {
                String href = "https://www.rfc-editor.org/rfc/rfc" + rfc + (section == null ? "" : "#section-" + section);
                out.append("<a href=\"").append(esc(href)).append("\" target=\"_blank\" rel=\"noopener\">").append(esc(m.group())).append("</a>");
            }
            last = m.end();
        }
        return out.append(esc(text.substring(last))).toString();
    }

    /** Text made safe inside HTML elements and quoted attributes. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
            header{padding:12px 20px;background:#1f3a5f;color:#fff}
            header h1{margin:0 0 4px;font-size:20px}header p{margin:4px 0}
            .legend .key{display:inline-block;padding:0 6px;border-radius:3px;font:12px monospace;margin-left:10px}
            .key.tls{background:#d8efdc;color:#1d5b2a}.key.auth{background:#fde7c8;color:#7a4a00}
            .key.c{background:#dbe9fb;color:#174d8c}.key.s{background:#f6e0d4;color:#8a3b12}.key.dns{background:#e4f3e9;color:#2c6e3f}
            .layout{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:0}
            .scroll{overflow-x:auto;background:#fff;border-right:1px solid #dde}
            aside{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:12px 16px;background:#f3f5f9}
            aside h2{font-size:16px;margin:4px 0 8px}aside pre{white-space:pre-wrap;word-break:break-all;background:#fff;padding:6px;border:1px solid #dde}
            aside .hop{color:#556;font-size:12px;margin:0}
            svg text{font:11.5px ui-monospace,monospace}
            .lane rect{fill:#eef2f8;stroke:#7d8aa5}.lane line{stroke:#b4bccc;stroke-dasharray:4 4}
            .lane .title{font:600 12px system-ui,sans-serif;text-anchor:middle}.lane .role{font:11px system-ui,sans-serif;text-anchor:middle;fill:#1f3a5f}.lane .host{font-size:11px;text-anchor:middle;fill:#445}
            .step rect{fill:#eef1f6}.step text{font:600 13px system-ui,sans-serif;fill:#1f3a5f}
            .arrow{cursor:pointer}.arrow .hit{fill:transparent}.arrow:hover .hit,.arrow.sel .hit{fill:#fff6bf}
            .arrow text{text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}
            .arrow line{stroke-width:1.4}
            .arrow.c line{stroke:#2f6fbf}.arrow.c polygon{fill:#2f6fbf}.arrow.c text{fill:#174d8c}
            .arrow.s line{stroke:#c0612b}.arrow.s polygon{fill:#c0612b}.arrow.s text{fill:#8a3b12}
            .arrow.dns line{stroke:#3f9a5a}.arrow.dns polygon{fill:#3f9a5a}.arrow.dns text{fill:#2c6e3f}
            .arrow.dlv line{stroke:#7b4fb0}.arrow.dlv polygon{fill:#7b4fb0}.arrow.dlv text{fill:#5b3390}
            .event{cursor:pointer}.event text{text-anchor:middle;font-style:italic;fill:#556;paint-order:stroke;stroke:#fff;stroke-width:3px}
            .span rect{rx:6}.span.tls rect{fill:#d8efdc;opacity:.55}.span.auth rect{fill:#fde7c8;opacity:.8}
            .span text{font:600 10px system-ui,sans-serif;fill:#557}
            #message{padding:8px 20px 40px}#message h2{font-size:18px}
            table.fields{border-collapse:collapse;width:100%}table.fields th{text-align:left;vertical-align:top;padding:6px 10px 6px 0;white-space:nowrap}
            table.fields td{padding:6px 0;border-bottom:1px solid #e4e7ee}table.fields code{word-break:break-all}
            table.fields p{margin:2px 0;color:#334}dl{margin:4px 0 0 12px}dd{margin:0 0 4px 16px;color:#334}
            ul.mime{list-style:none;padding-left:0}ul.mime pre{background:#fff;border:1px solid #dde;padding:6px;white-space:pre-wrap}
            a{color:#174d8c}
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var errors = [];
              window.addEventListener('error', function (e) { errors.push(String(e.message)); document.body.dataset.errors = errors.join(' | '); });
              var panel = document.getElementById('explanation');
              var selected = null;
              function show(g) {
                var note = document.getElementById('n' + g.getAttribute('data-i'));
                if (!note) { return; }
                if (selected) { selected.classList.remove('sel'); }
                selected = g;
                g.classList.add('sel');
                panel.innerHTML = note.innerHTML;
              }
              var items = document.querySelectorAll('#diagram .arrow, #diagram .event');
              Array.prototype.forEach.call(items, function (g) {
                g.addEventListener('click', function () { show(g); });
                g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { show(g); e.preventDefault(); } });
              });
              var featured = document.getElementById('notes').getAttribute('data-featured');
              var first = document.querySelector('#diagram [data-i="' + featured + '"]') || document.querySelector('#diagram .arrow');
              if (first) { show(first); }
              document.body.dataset.arrows = String(document.querySelectorAll('#diagram .arrow').length);
              document.body.dataset.ready = 'yes';
            })();
            """;
}
