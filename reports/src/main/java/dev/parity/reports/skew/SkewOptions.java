package dev.parity.reports.skew;

/**
 * How skew is measured.
 *
 * @param numericBins quantile bins of numeric features, at least 2 (ties may merge some)
 * @param topCategories reference categories kept apart, at least 1; the rest are "other"
 * @param quantileSketchK k of the KLL sketches, 8 to 65535: memory and accuracy grow with it
 *     (1024: a normalized rank error of about 0.3 %, a few tens of kilobytes per column)
 * @param frequentItemsMapSize map size of the frequent-items sketches, a power of 2 from 8:
 *     exact up to three quarters of it in distinct categories
 * @param batchRows rows per Arrow batch when reading
 */
public record SkewOptions(int numericBins, int topCategories, int quantileSketchK, int frequentItemsMapSize,
    int batchRows) {
  public SkewOptions {
    if (numericBins < 2) {
      throw new IllegalArgumentException("numericBins must be at least 2: " + numericBins);
    }
    if (topCategories < 1) {
      throw new IllegalArgumentException("topCategories must be at least 1: " + topCategories);
    }
    if (quantileSketchK < 8 || quantileSketchK > 65535) {
      throw new IllegalArgumentException("quantileSketchK must be between 8 and 65535: " + quantileSketchK);
    }
    if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
      throw new IllegalArgumentException("frequentItemsMapSize must be a power of 2 from 8: " + frequentItemsMapSize);
    }
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
    }
  }

  /** 10 bins (deciles), top 20 categories, KLL k 1024, 8192-entry frequent-items maps, 64k-row batches. */
  public static SkewOptions defaults() {
    return new SkewOptions(10, 20, 1024, 8192, 65_536);
  }

  public SkewOptions withNumericBins(int value) {
    return new SkewOptions(value, topCategories, quantileSketchK, frequentItemsMapSize, batchRows);
  }

  public SkewOptions withTopCategories(int value) {
    return new SkewOptions(numericBins, value, quantileSketchK, frequentItemsMapSize, batchRows);
  }

  public SkewOptions withQuantileSketchK(int value) {
    return new SkewOptions(numericBins, topCategories, value, frequentItemsMapSize, batchRows);
  }

  public SkewOptions withBatchRows(int value) {
    return new SkewOptions(numericBins, topCategories, quantileSketchK, frequentItemsMapSize, value);
  }
}
