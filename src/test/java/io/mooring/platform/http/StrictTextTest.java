package io.mooring.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictTextTest {

  @Test
  void percentEscapesDecodeOnceAndStrictly() throws Exception {
    assertEquals("%", StrictText.percentDecoded("%25", true));
    assertEquals("a b+c", StrictText.percentDecoded("a+b%2Bc", true));
    assertEquals("a+b", StrictText.percentDecoded("a+b", false));
    assertEquals("é", StrictText.percentDecoded("%C3%A9", true));
    for (String bad : new String[] {"%", "%2", "%zz", "%o<", "abc%g1"}) {
      assertThrows(StrictText.Invalid.class, () -> StrictText.percentDecoded(bad, true), bad);
    }
  }

  @Test
  void overlongAndSurrogateUtf8IsRefusedNotReplaced() {
    byte[][] bad = {{(byte) 0xC0, (byte) 0xAE}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}};
    for (byte[] b : bad) {
      assertThrows(StrictText.Invalid.class, () -> StrictText.utf8(b));
    }
    assertThrows(StrictText.Invalid.class, () -> StrictText.percentDecoded("%C0%AE", true));
  }

  @Test
  void nulAndLoneSurrogatesCannotBeStored() throws Exception {
    assertTrue(StrictText.unstorable("a\u0000b").contains("NUL"));
    assertTrue(StrictText.unstorable("a\ud800b").contains("surrogate"));
    assertTrue(StrictText.unstorable("a\udc00").contains("surrogate"));
    assertNull(StrictText.unstorable("a\ud83d\ude00b"), "a proper pair (an emoji) is fine");
    assertEquals("\ud83d\ude00", StrictText.utf8("\ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
    assertThrows(StrictText.Invalid.class, () -> StrictText.percentDecoded("a%00b", true));
  }
}
