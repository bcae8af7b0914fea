package io.mooring.disclosure;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.relations.Memberships;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks grant targets against the owner's current relationships: a person in my organization
 * (not me), one of my own active pairings as supervisee, a circle I belong to. Errors name the
 * offending entry ({@code audiences[2].circleId}) and reveal nothing about other people's records.
 */
final class AudienceCheck {
  private AudienceCheck() {}

  static Future<Void> verify(CurrentUser me, List<Grant> grants, PeopleService people, Memberships memberships) {
    // The whole organization's active people: a 'specific people' audience may name any colleague.
    return Future.all(people.everyone(me.orgId()), memberships.pairingsAsSupervisee(me.id()), memberships.circlesOf(me.id())).map(all -> {
      Set<Long> colleagues = new HashSet<>();
      for (Person p : all.<List<Person>>resultAt(0)) {
        if (p.active() && p.id() != me.id()) {
          colleagues.add(p.id());
        }
      }
      Set<Long> myPairings = new HashSet<>();
      for (Memberships.Supervised p : all.<List<Memberships.Supervised>>resultAt(1)) {
        myPairings.add(p.pairingId());
      }
      Set<Long> myCircles = new HashSet<>(all.<List<Long>>resultAt(2));
      List<AppException.FieldError> errors = new ArrayList<>();
      for (int i = 0; i < grants.size(); i++) {
        Grant g = grants.get(i);
        String field = "audiences[" + i + "]." + g.audience().targetField;
        if (g.audience() == Audience.PERSON && !colleagues.contains(g.targetId())) {
          errors.add(new AppException.FieldError(field, "must be an active colleague in your organization, not yourself"));
        } else if (g.audience() == Audience.PAIRING && !myPairings.contains(g.targetId())) {
          errors.add(new AppException.FieldError(field, "must be one of your current supervision pairings"));
        } else if (g.audience() == Audience.CIRCLE && !myCircles.contains(g.targetId())) {
          errors.add(new AppException.FieldError(field, "must be a circle you are a member of"));
        }
      }
      if (!errors.isEmpty()) {
        throw new AppException(ErrorCode.INVALID, errors.get(0).field() + " " + errors.get(0).message(), errors, null);
      }
      return null;
    });
  }
}
