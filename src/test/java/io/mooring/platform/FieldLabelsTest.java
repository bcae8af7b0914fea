package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.FieldLabels;
import org.junit.jupiter.api.Test;

/** The one mapping from API field paths to the labels people see (issue 12 item 6). */
class FieldLabelsTest {
  @Test
  void pathsBecomeTheLabelsOnTheForms() {
    assertEquals("Strength 1, specific example", FieldLabels.of("strengths[0].example"));
    assertEquals("Goal 3, NCPS domain", FieldLabels.of("growthGoals[2].domain"));
    assertEquals("Open action items from earlier sessions", FieldLabels.of("itemDecisions"));
    assertEquals("Until", FieldLabels.of("audiences[0].expiresAt"));
    assertEquals("Time spent on routine driving", FieldLabels.of("activities.routine_driving"));
    assertEquals("Session start", FieldLabels.of("session.startsAt"));
  }

  @Test
  void aFieldSharedByDisclosureItemsIsNamedAfterTheItemAtItsAddress() {
    assertEquals("Languages", FieldLabels.of("values", "/api/v1/me/disclosure/items/languages"));
    assertEquals("Populations and specialties of focus", FieldLabels.of("values[0]", "/disclosure/items/focus_populations"));
    assertEquals("Message", FieldLabels.of("body", "/api/v1/circles/4/messages"));
    assertEquals("Request body", FieldLabels.of("body", "/api/v1/me/disclosure/items/languages"));
    assertEquals("Meeting, first meeting", FieldLabels.of("meeting.firstStart"));
  }

  @Test
  void aFieldWhoseNameStartsWithAnotherFieldsIsNotTakenForIt() {
    // The record's discussion notes were labelled "Open drift flags" (in errors and language hints) because
    // the flags' pattern, roleClarity followed by anything, also matched roleClarityNotes.
    assertEquals("Discussion notes", FieldLabels.of("roleClarityNotes"));
    assertEquals("Open drift flags", FieldLabels.of("roleClarity.discussedFlagIds[2]"));
    assertEquals("Open drift flags", FieldLabels.of("roleClarity"));
  }

  @Test
  void unlistedPathsAreStillSaidInWords() {
    assertEquals("Retention days", FieldLabels.of("retentionDays"));
    assertEquals("Thing number 2 sub part", FieldLabels.of("thing[1].subPart"));
  }

  @Test
  void aFieldErrorReadsAsASentence() {
    assertEquals("Email: is already used", FieldLabels.sentence(new AppException.FieldError("email", "is already used")));
  }
}
