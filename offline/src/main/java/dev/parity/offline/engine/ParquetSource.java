package dev.parity.offline.engine;

import dev.parity.offline.MissingInputException;
import dev.parity.offline.parquet.read.ChannelInputFile;
import dev.parity.offline.parquet.read.ParquetCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Where the {@link ParquetScanner} gets a file's bytes and its parsed footer. Sources read the
 * footer at each call ({@link #reading}); an entity table hands out the footers it read once
 * ({@link EntityFiles}).
 */
interface ParquetSource {
  /** The footer of {@code file}. */
  ParquetMetadata footer(Path file) throws IOException;

  /** The file, for reading its data. */
  InputFile input(Path file);

  /** A source that reads the footer of a file at each call, through {@code opener}. */
  static ParquetSource reading(Function<Path, ? extends InputFile> opener) {
    return new ParquetSource() {
      @Override
      public ParquetMetadata footer(Path file) throws IOException {
        return readFooter(file, opener.apply(file));
      }

      @Override
      public InputFile input(Path file) {
        return opener.apply(file);
      }
    };
  }

  /** A source reading local files through {@link ChannelInputFile}. */
  static ParquetSource local() {
    return reading(ChannelInputFile::new);
  }

  /** Reads and parses the footer of {@code input} ({@code file} names it in errors). */
  static ParquetMetadata readFooter(Path file, InputFile input) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MissingInputException(file, "no such file");
    }
    try (SeekableInputStream stream = input.newStream()) {
      // Shared options: their codecs are stateless, so readers on several threads may use them.
      return ParquetFileReader.readFooter(input, ParquetCodecs.readOptions(), stream);
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
