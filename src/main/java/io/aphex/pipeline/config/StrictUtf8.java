package io.aphex.pipeline.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Decodes the files the project reads (the pipeline config, the stack config) as strict UTF-8: a
 * leading byte order mark is skipped, and a malformed byte sequence is a problem with its line and
 * byte offset rather than a silent replacement character.
 */
public final class StrictUtf8 {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private StrictUtf8() {}

  /**
   * Decodes a file's bytes.
   *
   * @param location names the file in the problem, e.g. {@code aphex-config.yaml}
   * @param content the file's bytes
   * @param fix the problem's fix, in the caller's style, e.g. {@code Save the file as UTF-8.}
   * @return the text, without the byte order mark
   * @throws ConfigException with one problem {@code <location> line <n>, byte offset <k>: '0xe9' is
   *     not valid UTF-8}
   */
  public static String decode(String location, byte[] content, String fix) {
    boolean bom =
        Arrays.equals(content, 0, Math.min(BOM.length, content.length), BOM, 0, BOM.length);
    int start = bom ? BOM.length : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ConfigException(invalid(location, content, in.position(), result.length(), fix));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * Finds the first unpaired UTF-16 surrogate of a value, which a YAML escape such as {@code
   * "\\ud800"} can produce.
   *
   * @param value the value
   * @return its index, or -1 when every surrogate is paired
   */
  public static int loneSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static Problem invalid(
      String location, byte[] content, int offset, int length, String fix) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (content[i] == '\n') {
        line++;
      }
    }
    String bytes =
        IntStream.range(offset, offset + length)
            .mapToObj(i -> String.format("0x%02x", content[i] & 0xff))
            .collect(Collectors.joining(" "));
    return new Problem(
        location + " line " + line + ", byte offset " + offset, bytes, "is not valid UTF-8", fix);
  }
}
