package io.pdslab.harness.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianTest {

  @Test
  void anOddNumberOfValuesHasItsMiddleOne() {
    assertEquals(3.0, Median.of(5, 1, 3));
  }

  @Test
  void anEvenNumberOfValuesHasTheMeanOfItsTwoMiddleOnes() {
    assertEquals(2.5, Median.of(4, 1, 3, 2));
  }

  @Test
  void noValueHasNoMedian() {
    assertTrue(Double.isNaN(Median.of()));
  }

  @Test
  void theValuesAreLeftInTheirOrder() {
    double[] xs = {3, 1, 2};
    Median.of(xs);
    assertArrayEquals(new double[] {3, 1, 2}, xs);
  }
}
