package dev.parity.offline.features;

import dev.parity.offline.parquet.read.ChannelInputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An opener of Parquet files ({@link ChannelInputFile}) that counts, per file, the streams opened
 * and the reads of the footer: a footer read starts at the footer's length field, the file's
 * last 8 bytes (length and magic), where no data page can start. For tests that a file's footer is
 * read once.
 */
final class FooterReads implements Function<Path, InputFile> {
  private final Map<Path, AtomicInteger> streams = new ConcurrentHashMap<>();
  private final Map<Path, AtomicInteger> footers = new ConcurrentHashMap<>();

  @Override
  public InputFile apply(Path file) {
    ChannelInputFile input = new ChannelInputFile(file);
    return new InputFile() {
      @Override
      public long getLength() throws IOException {
        return input.getLength();
      }

      @Override
      public SeekableInputStream newStream() throws IOException {
        count(streams, file);
        return new Counted(file, input.getLength(), input.newStream());
      }
    };
  }

  /** How many times the footer of {@code file} was read. */
  int footers(Path file) {
    return footers.getOrDefault(file, new AtomicInteger()).get();
  }

  /** How many streams were opened on {@code file} (footer and data reads). */
  int streams(Path file) {
    return streams.getOrDefault(file, new AtomicInteger()).get();
  }

  private static void count(Map<Path, AtomicInteger> counts, Path file) {
    counts.computeIfAbsent(file, f -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts a seek to the footer; reads go to the file's own stream. */
  private final class Counted extends DelegatingSeekableInputStream {
    private final Path file;
    private final long footerLength;
    private final SeekableInputStream in;

    Counted(Path file, long length, SeekableInputStream in) {
      super(in);
      this.file = file;
      this.footerLength = length - 8;
      this.in = in;
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public void seek(long position) throws IOException {
      if (position == footerLength) {
        count(footers, file);
      }
      in.seek(position);
    }
  }
}
