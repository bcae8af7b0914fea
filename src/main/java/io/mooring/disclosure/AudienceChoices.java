package io.mooring.disclosure;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.Memberships;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audiences the owner may pick from right now: active colleagues, their own pairings as supervisee, their circles. */
public record AudienceChoices(List<Person> colleagues, List<PairingChoice> pairings, List<Long> circleIds) {

  public record PairingChoice(long id, String supervisorName, String type) {}

  static Future<AudienceChoices> load(CurrentUser me, PeopleService people, Memberships memberships) {
    return Future.all(people.everyone(me.orgId()), memberships.pairingsAsSupervisee(me.id()), memberships.circlesOf(me.id())).map(all -> {
      List<Person> everyone = all.resultAt(0);
      Map<Long, String> names = new HashMap<>();
      everyone.forEach(p -> names.put(p.id(), p.displayName()));
      List<PairingChoice> mine = new ArrayList<>();
      for (Memberships.Supervised p : all.<List<Memberships.Supervised>>resultAt(1)) {
        mine.add(new PairingChoice(p.pairingId(), names.getOrDefault(p.supervisorId(), "Supervisor"), p.type()));
      }
      List<Person> colleagues = everyone.stream().filter(p -> p.active() && p.id() != me.id()).toList();
      return new AudienceChoices(colleagues, mine, all.resultAt(2));
    });
  }
}
