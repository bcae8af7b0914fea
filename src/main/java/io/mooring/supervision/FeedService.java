package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.calendar.CalendarFeed;
import io.mooring.platform.calendar.CalendarSource;
import io.mooring.platform.http.AppException;
import io.mooring.supervision.Supervision.PairingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The secret per-person calendar feed. The secret is the credential, so only its hash is stored, and it can be rotated. */
public final class FeedService {
  static final int DAYS_AHEAD = 120;
  static final java.time.Duration KEPT_PAST = java.time.Duration.ofDays(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final PeopleService people;
  /** Other features' events (circle meetings…), asked on every fetch so lost access drops them at once. */
  private final List<CalendarSource> sources;

  FeedService(Pool pool, PeopleService people, List<CalendarSource> sources) {
    this.pool = pool;
    this.people = people;
    this.sources = List.copyOf(sources);
  }

  /** A new secret (the old one stops working at once); returned once, never stored in clear. */
  public Future<String> rotate(CurrentUser me) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return PairingRepository.setFeedToken(pool, me.id(), me.orgId(), sha256(secret)).map(secret);
  }

  /** The iCalendar text for a secret; an unknown secret or a disabled person is NOT_FOUND. */
  public Future<String> feed(String secret) {
    return PairingRepository.feedUser(pool, sha256(secret)).compose(found -> {
      long[] ids = found.orElseThrow(() -> AppException.notFound("Feed"));
      long userId = ids[0];
      long orgId = ids[1];
      return Future.all(people.require(orgId, userId), people.organization(orgId), PairingRepository.bySupervisor(pool, orgId, userId),
          PairingRepository.bySupervisee(pool, orgId, userId)).compose(all -> {
            Person me = all.resultAt(0);
            if (!me.active()) {
              throw AppException.notFound("Feed");
            }
            Organization org = all.resultAt(1);
            List<PairingStatus> list = new ArrayList<>(all.<List<PairingStatus>>resultAt(2));
            list.addAll(all.<List<PairingStatus>>resultAt(3));
            List<Long> pairingIds = list.stream().map(PairingStatus::id).toList();
            Instant now = Instant.now();
            // Overrides of the recent past stay in the feed, so a calendar app does not move a past meeting back.
            Instant since = now.minus(KEPT_PAST);
            return Future.all(SessionRepository.upcoming(pool, pairingIds, since.atOffset(ZoneOffset.UTC),
                    LocalDateTime.ofInstant(since, org.timeZone())),
                SessionRepository.lastChanged(pool, pairingIds), people.everyone(orgId), fromSources(orgId, userId, now))
                .map(more -> {
                  Map<Long, String> names = new HashMap<>();
                  more.<List<Person>>resultAt(2).forEach(p -> names.put(p.id(), p.displayName()));
                  List<CalendarSource.Entry> entries = new ArrayList<>(FeedEntries.of(userId, list, more.resultAt(0), more.resultAt(1),
                      names, org.timeZone(), since));
                  entries.addAll(more.resultAt(3));
                  return CalendarFeed.render(entries);
                });
          });
    });
  }

  private Future<List<CalendarSource.Entry>> fromSources(long orgId, long userId, Instant now) {
    List<Future<List<CalendarSource.Entry>>> asked = sources.stream()
        .map(s -> s.upcoming(orgId, userId, now, now.plusSeconds(DAYS_AHEAD * 86400L))).toList();
    return Future.all(asked).map(all -> {
      List<CalendarSource.Entry> out = new ArrayList<>();
      for (int i = 0; i < asked.size(); i++) {
        out.addAll(all.<List<CalendarSource.Entry>>resultAt(i));
      }
      return out;
    });
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
