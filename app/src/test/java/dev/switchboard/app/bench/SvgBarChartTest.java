package dev.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The benchmarks' charts are well-formed SVG with a bar a figure, sized by the figures. */
class SvgBarChartTest {
  @TempDir Path folder;

  @Test
  void barsAreSizedByTheirValuesAndColouredByTheTarget() throws Exception {
    Path file = folder.resolve("charts/intake.svg");
    new SvgBarChart("Intake <SQLite> & more", "req/s", Optional.of(1000.0), true)
        .bar("do-nothing", 2000)
        .bar("durable", 500)
        .write(file);

    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    NodeList rects = svg.getElementsByTagName("rect");
    assertThat(rects.getLength()).isEqualTo(3); // the background and two bars
    Element fast = (Element) rects.item(1);
    Element slow = (Element) rects.item(2);
    assertThat(Integer.parseInt(fast.getAttribute("width")))
        .isCloseTo(4 * Integer.parseInt(slow.getAttribute("width")), within(4));
    assertThat(fast.getAttribute("fill")).isNotEqualTo(slow.getAttribute("fill"));
    assertThat(svg.getElementsByTagName("line").getLength()).isEqualTo(1);
    assertThat(Files.readString(file))
        .contains("Intake &lt;SQLite&gt; &amp; more", "2,000 req/s", "500 req/s", "target 1,000");
  }
}
