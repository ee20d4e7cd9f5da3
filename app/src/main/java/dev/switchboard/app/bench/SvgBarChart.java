package dev.switchboard.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A horizontal bar chart as an SVG file, written by a benchmark from the figures it measured (for
 * {@code docs/benchmarks.md}): one bar a row, its value printed beside it, and a dashed line at the
 * target when there is one. Plain SVG text: no fonts or graphics libraries needed on the machine
 * that runs the benchmark, and the file reads the same in a browser and on GitHub. Not thread-safe.
 */
final class SvgBarChart {
  private static final int WIDTH = 760;
  private static final int LABEL = 230;
  private static final int ROW = 28;
  private static final int TOP = 48;

  /** One bar: its label, value, and whether it meets the target (colours it). */
  private record Bar(String label, double value, String shown, boolean good) {}

  private final String title;
  private final String unit;
  private final Optional<Double> target;
  private final boolean higherIsBetter;
  private final List<Bar> bars = new ArrayList<>();

  /**
   * A chart titled {@code title} of values in {@code unit}, with a {@code target} line (met when a
   * value is at least the target if {@code higherIsBetter}, else at most).
   */
  SvgBarChart(String title, String unit, Optional<Double> target, boolean higherIsBetter) {
    this.title = title;
    this.unit = unit;
    this.target = target;
    this.higherIsBetter = higherIsBetter;
  }

  /** Adds a bar. */
  SvgBarChart bar(String label, double value) {
    boolean good = target.map(t -> higherIsBetter ? value >= t : value <= t).orElse(true);
    bars.add(new Bar(label, value, format(value) + " " + unit, good));
    return this;
  }

  /** Writes the chart to {@code file}, creating its folder. */
  void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, svg(), StandardCharsets.UTF_8);
  }

  String svg() {
    double scale =
        Math.max(bars.stream().mapToDouble(Bar::value).max().orElse(1), target.orElse(0.0)) * 1.15;
    int plot = WIDTH - LABEL - 20;
    int height = TOP + bars.size() * ROW + 36;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"13\">%n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n"
                + "<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            WIDTH,
            height,
            escape(title)));
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = TOP + i * ROW;
      int length = (int) Math.max(1, Math.round(plot * bar.value() / scale));
      // The value after the bar, or inside its end in white when the bar leaves no room.
      boolean inside = length + 100 > plot;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>%n"
                  + "<text x=\"%d\" y=\"%d\" fill=\"%s\"%s>%s</text>%n",
              LABEL - 8,
              y + 13,
              escape(bar.label()),
              LABEL,
              y,
              length,
              bar.good() ? "#3b7dd8" : "#d8643b",
              inside ? LABEL + length - 6 : LABEL + length + 6,
              y + 13,
              inside ? "#ffffff" : "#222222",
              inside ? " text-anchor=\"end\"" : "",
              escape(bar.shown())));
    }
    target.ifPresent(
        t -> {
          int x = LABEL + (int) Math.round(plot * t / scale);
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222222\""
                      + " stroke-dasharray=\"4 3\"/>%n"
                      + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">target %s"
                      + " %s</text>%n",
                  x,
                  TOP - 6,
                  x,
                  TOP + bars.size() * ROW,
                  x,
                  TOP + bars.size() * ROW + 18,
                  format(t),
                  escape(unit)));
        });
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String format(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
