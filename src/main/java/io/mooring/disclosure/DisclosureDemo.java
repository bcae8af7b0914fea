package io.mooring.disclosure;

import io.mooring.people.DemoOrg;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.Memberships;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Demo disclosure settings: Jordan, Theo and Eli keep everything private; Sam and Rosa share with
 * supervisors only; Maria shares with her team and the organization; Aisha shares her story with a
 * circle she belongs to (with her team when the demo has no circles yet); Kwame's pronouns are
 * shared with Eli until a date a month away. Rivera has looked at Sam's profile once.
 */
public final class DisclosureDemo {
  private DisclosureDemo() {}

  public static Future<Void> load(Pool pool, DisclosureService d, DemoOrg org) {
    Future<Void> chain = Future.succeededFuture();
    chain = chain.compose(v -> set(d, me(org, "sam"), ItemKind.IDENTIFIES_AS_PEER, new JsonObject().put("value", true), supervisors()));
    chain = chain.compose(v -> set(d, me(org, "sam"), ItemKind.ACCOMMODATIONS,
        text("A written agenda a day before supervision, and a short walk break in long meetings."), supervisors()));
    chain = chain.compose(v -> set(d, me(org, "jordan"), ItemKind.RECOVERY_STORY,
        text("Twelve years in recovery; what helped most was someone who had been there."), List.of()));
    chain = chain.compose(v -> set(d, me(org, "jordan"), ItemKind.LIVED_EXPERIENCE, areas("substance_use", "justice_involvement"), List.of()));
    chain = chain.compose(v -> set(d, me(org, "theo"), ItemKind.PRONOUNS, text("he/they"), List.of()));
    chain = chain.compose(v -> set(d, me(org, "maria"), ItemKind.LANGUAGES, values("Spanish", "English"), grant(Audience.ORGANIZATION, null)));
    chain = chain.compose(v -> set(d, me(org, "maria"), ItemKind.FOCUS_POPULATIONS, values("families", "youth"), grant(Audience.TEAM, null)));
    chain = chain.compose(v -> set(d, me(org, "maria"), ItemKind.LIVED_EXPERIENCE, areas("mental_health", "family_caregiver"), supervisors()));
    chain = chain.compose(v -> set(d, me(org, "rosa"), ItemKind.TOPICS_TO_AVOID,
        text("Details of my own hospital stays; I am glad to talk about recovery in general."), supervisors()));
    chain = chain.compose(v -> aishaStory(pool, d, org));
    chain = chain.compose(v -> set(d, me(org, "aisha"), ItemKind.LANGUAGES, values("Urdu", "English"), grant(Audience.ORGANIZATION, null)));
    chain = chain.compose(v -> set(d, me(org, "kwame"), ItemKind.PRONOUNS, text("he/him"),
        List.of(new Grant(Audience.PERSON, org.person("eli").id(),
            LocalDate.now(ZoneOffset.UTC).plusDays(31).atStartOfDay().atOffset(ZoneOffset.UTC)))));
    chain = chain.compose(v -> set(d, me(org, "kwame"), ItemKind.FOCUS_POPULATIONS, values("veterans", "co_occurring"), supervisors()));
    return chain.compose(v -> d.visibleProfiles(me(org, "rivera"), List.of(org.person("sam").id()), DisclosurePages.WHERE_PAGE)).mapEmpty();
  }

  private static Future<Void> aishaStory(Pool pool, DisclosureService d, DemoOrg org) {
    CurrentUser aisha = me(org, "aisha");
    return new Memberships(pool).circlesOf(aisha.id()).compose(circles -> set(d, aisha, ItemKind.RECOVERY_STORY,
        text("I came to this work after my own time in crisis respite; I share that story when it helps someone feel less alone."),
        circles.isEmpty() ? grant(Audience.TEAM, null) : grant(Audience.CIRCLE, circles.get(0))));
  }

  private static Future<Void> set(DisclosureService d, CurrentUser me, ItemKind kind, JsonObject content, List<Grant> grants) {
    Future<?> saved = d.saveItem(me, kind, content);
    return grants.isEmpty() ? saved.mapEmpty() : saved.compose(x -> d.setAudiences(me, kind, grants)).mapEmpty();
  }

  private static CurrentUser me(DemoOrg org, String handle) {
    Person p = org.person(handle);
    return new CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), p.roles(), null, null);
  }

  private static List<Grant> supervisors() {
    return grant(Audience.SUPERVISORS, null);
  }

  private static List<Grant> grant(Audience a, Long target) {
    return List.of(new Grant(a, target, null));
  }

  private static JsonObject text(String t) {
    return new JsonObject().put("text", t);
  }

  private static JsonObject areas(String... a) {
    return new JsonObject().put("areas", new JsonArray(List.of((Object[]) a)));
  }

  private static JsonObject values(String... a) {
    return new JsonObject().put("values", new JsonArray(List.of((Object[]) a)));
  }
}
