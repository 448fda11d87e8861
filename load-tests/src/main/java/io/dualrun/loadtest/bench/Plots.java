package io.dualrun.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of the report (XChart). */
final class Plots {
  private Plots() {}

  static void throughput(Path file, List<String> names, List<Double> values) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(450)
            .title("Throughput (events/s)")
            .xAxisTitle("")
            .yAxisTitle("events/s")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(15);
    chart.addSeries("events/s", names, values);
    save(chart, file);
  }

  static void latency(Path file, Histogram detection, Histogram post) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(450)
            .title("Latency distribution")
            .xAxisTitle("percentile")
            .yAxisTitle("ms")
            .build();
    series(chart, "detection (accepted → alert delivered)", detection);
    series(chart, "last POST (baseline)", post);
    chart.getStyler().setYAxisLogarithmic(true);
    save(chart, file);
  }

  private static void series(XYChart chart, String name, Histogram h) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (HistogramIterationValue v : h.percentiles(5)) {
      x.add(v.getPercentileLevelIteratedTo());
      y.add(Math.max(0.001, v.getValueIteratedTo() / 1000.0));
      if (v.getPercentileLevelIteratedTo() >= 99.9) {
        break;
      }
    }
    if (!x.isEmpty()) {
      chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }
  }

  private static void save(Object chart, Path file) {
    try {
      BitmapEncoder.saveBitmap(
          (org.knowm.xchart.internal.chartpart.Chart<?, ?>) chart,
          file.toString(),
          BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
