package dev.parity.offline.parquet.write;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import dev.parity.offline.parquet.read.ParquetCodecs;

/**
 * A {@link RowWriter} over parquet-java's {@link ParquetWriter}: rows are encoded into column
 * pages as they arrive and a row group is flushed when it reaches the configured size, so memory
 * stays bounded by one row group whatever the file size. No Hadoop file system is involved.
 */
final class ParquetRowWriter extends AbstractRowWriter {
  private final ParquetWriter<RowBuffer> writer;
  private boolean writerClosed;

  ParquetRowWriter(List<Column> columns, AtomicTarget target, ParquetWriteOptions options)
      throws IOException {
    super(columns, target);
    this.writer =
        new Builder(new LocalOutputFile(target.temp()), new RowWriteSupport(row.columns))
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(ParquetCodecs.instance())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(options.compression().codec())
            .withRowGroupSize(options.rowGroupBytes())
            .withRowGroupRowCountLimit(options.rowGroupRowLimit())
            .withDictionaryEncoding(true)
            .build();
  }

  @Override
  void write(RowBuffer row) throws IOException {
    writer.write(row);
  }

  @Override
  void finish() throws IOException {
    closeWriter();
  }

  @Override
  void abandon() throws IOException {
    closeWriter();
  }

  private void closeWriter() throws IOException {
    if (!writerClosed) {
      writerClosed = true;
      writer.close();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<RowBuffer, Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<RowBuffer> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<RowBuffer> getWriteSupport(
        org.apache.parquet.conf.ParquetConfiguration conf) {
      return support;
    }
  }
}
