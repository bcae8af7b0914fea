package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrisisTextTest {
  static List<String> tels(String body) {
    return CrisisText.parts(body).stream().filter(p -> p.tel() != null).map(CrisisText.Part::tel).toList();
  }

  @Test
  void numbersBecomeTelLinksAndTheRestStaysText() {
    String body = "988 Suicide & Crisis Lifeline: call or text 988.\nHarbor after-hours line: (555) 010-4400.";
    assertEquals(List.of("tel:988", "tel:988", "tel:5550104400"), tels(body));
    assertEquals(body, String.join("", CrisisText.parts(body).stream().map(CrisisText.Part::text).toList()), "nothing lost");
    assertEquals(List.of("tel:+18002738255"), tels("Call +1 800-273-8255 any time"));
  }

  @Test
  void timesYearsAndShortNumbersAreNotPhoneNumbers() {
    assertEquals(List.of(), tels("Open 9-17, since 2019, room 12, https://example.org/123"));
    assertEquals(List.of(), tels(""));
    assertEquals(List.of(), tels(null));
  }
}
