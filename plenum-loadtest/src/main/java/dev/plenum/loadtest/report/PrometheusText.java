package dev.plenum.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of a Prometheus text exposition (format 0.0.4): {@code name{labels} value [timestamp]} lines;
 * comments and blank lines skipped, unparseable lines ignored. Enough for reading a few counters and gauges.
 */
public final class PrometheusText {
    /** One sample: metric name, the raw label text between the braces (empty without labels), and the value. */
    public record Sample(String name, String labels, double value) {
        public boolean hasLabel(String name, String value) {
            return labels.contains(name + "=\"" + value + "\"");
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int brace = l.indexOf('{');
            int space;
            String name;
            String labels = "";
            if (brace >= 0 && brace < l.indexOf(' ')) {
                int close = l.lastIndexOf('}');
                if (close < brace) continue;
                name = l.substring(0, brace);
                labels = l.substring(brace + 1, close);
                space = close + 1;
            } else {
                space = l.indexOf(' ');
                if (space < 0) continue;
                name = l.substring(0, space);
            }
            String[] rest = l.substring(space).strip().split("\\s+");
            try {
                out.add(new Sample(name, labels, Double.parseDouble(rest[0])));
            } catch (NumberFormatException e) {
                // NaN and ±Inf parse; anything else is not a sample we can use
            }
        }
        return new PrometheusText(out);
    }

    public List<Sample> samples() { return samples; }

    /** The sum of every sample of {@code name} (all label sets), or NaN when there is none. */
    public double sum(String name) {
        return sum(name, null, null);
    }

    /** The sum of the samples of {@code name} carrying label {@code label="value"}, or NaN when there is none. */
    public double sum(String name, String label, String value) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && (label == null || s.hasLabel(label, value))) {
                total += s.value();
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }
}
