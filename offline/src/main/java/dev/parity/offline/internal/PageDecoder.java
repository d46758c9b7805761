package dev.parity.offline.internal;

import java.io.IOException;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;

/**
 * Decodes one flat column of one row group page by page with parquet-java's value decoders,
 * without the record-assembly state machine of its {@code ColumnReader} (which cost more than
 * the decoding itself). Call {@link #nextDefined()} once per value, then read the value from
 * {@link #values()} if it returned true. Shared by the engine's scanner and data validation's
 * reader, so both decode Parquet the same way. Not thread-safe.
 */
public final class PageDecoder {
  private final ColumnDescriptor descriptor;
  private final PageReader pages;
  private final Dictionary dictionary;
  private final int maxDef;
  private ValuesReader definitionsV1;
  private RunLengthBitPackingHybridDecoder definitionsV2;
  private ValuesReader values;
  private int remaining;

  /**
   * A decoder of one column chunk.
   *
   * @throws IOException if the dictionary page cannot be read
   * @throws IllegalStateException for a repeated column
   */
  public PageDecoder(ColumnDescriptor descriptor, PageReader pages) throws IOException {
    if (descriptor.getMaxRepetitionLevel() != 0) {
      throw new IllegalStateException("repeated column passed the schema check: " + descriptor);
    }
    this.descriptor = descriptor;
    this.pages = pages;
    this.maxDef = descriptor.getMaxDefinitionLevel();
    DictionaryPage page = pages.readDictionaryPage();
    this.dictionary = page == null ? null : page.getEncoding().initDictionary(descriptor, page);
  }

  /**
   * Advances to the next value; true if it is not null (then read it from {@link #values()}).
   *
   * @throws IOException if a page cannot be read or the chunk has fewer values than asked for
   */
  public boolean nextDefined() throws IOException {
    while (remaining == 0) {
      nextPage();
    }
    remaining--;
    if (maxDef == 0) {
      return true;
    }
    int level = definitionsV1 != null ? definitionsV1.readInteger() : definitionsV2.readInt();
    return level == maxDef;
  }

  /** The decoder of the current page's values. */
  public ValuesReader values() {
    return values;
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IOException("column " + descriptor + " has fewer values than its row group");
    }
    remaining = page.getValueCount();
    if (page instanceof DataPageV1 v1) {
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      v1.getRlEncoding().getValuesReader(descriptor, ValuesType.REPETITION_LEVEL).initFromPage(remaining, in);
      definitionsV1 = v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
      definitionsV1.initFromPage(remaining, in);
      definitionsV2 = null;
      values = valuesReader(v1.getValueEncoding());
      values.initFromPage(remaining, in);
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      definitionsV1 = null;
      definitionsV2 = new RunLengthBitPackingHybridDecoder(BytesUtils.getWidthFromMaxInt(maxDef),
          v2.getDefinitionLevels().toInputStream());
      values = valuesReader(v2.getDataEncoding());
      values.initFromPage(remaining, v2.getData().toInputStream());
    }
  }

  private ValuesReader valuesReader(Encoding encoding) throws IOException {
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IOException("dictionary-encoded page without a dictionary in column " + descriptor);
      }
      return encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, dictionary);
    }
    return encoding.getValuesReader(descriptor, ValuesType.VALUES);
  }
}
