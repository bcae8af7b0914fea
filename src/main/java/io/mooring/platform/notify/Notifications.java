package io.mooring.platform.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way features tell people what happened. Call {@link #enqueue} with the transaction that
 * makes the event happen: the notification and its e-mail (if the person wants e-mail) commit with
 * the event or not at all; the {@link MailWorker} sends the e-mail afterwards, from any node.
 * Recipients outside the organization, deactivated, or who turned the kind off get nothing.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final String ENQUEUE = """
      with wanted as (
        select u.id, coalesce(p.channel, $5) as channel
          from users u left join notification_preferences p on p.user_id = u.id and p.kind = $3
         where u.id = any($2) and u.org_id = $1 and u.active
      ), added as (
        insert into notifications (org_id, recipient_id, kind, event_key, title, link)
        select $1, w.id, $3, $4, $6, $7 from wanted w where w.channel <> 'off'
        on conflict (recipient_id, event_key) do nothing
        returning id, recipient_id
      ), mailed as (
        insert into notification_mail (notification_id)
        select a.id from added a join wanted w on w.id = a.recipient_id where w.channel = 'email' and $8
        returning notification_id
      )
      select (select count(*) from added) as added, (select count(*) from mailed) as mailed""";

  private final boolean mailEnabled;
  private final NoticeDirectory directory;
  private final NoticeJobs jobs = new NoticeJobs();
  private final Map<NotificationKind, DeliveryCheck> checks = new EnumMap<>(NotificationKind.class);

  /** {@code mailEnabled}: false without MOORING_SMTP_URL, so no e-mail is queued that nobody would send. */
  public Notifications(boolean mailEnabled, NoticeDirectory directory) {
    this.mailEnabled = mailEnabled;
    this.directory = directory;
  }

  /** Names and time zones for notice texts. */
  public NoticeDirectory directory() {
    return directory;
  }

  /** Features register, while they are built, what must still hold when an e-mail of this kind goes out. */
  public void checkBeforeSending(NotificationKind kind, DeliveryCheck check) {
    checks.put(kind, check);
  }

  /**
   * The one rule for every way a notification reaches its recipient: the list, the unread count, marking
   * it read, opening it, and the e-mail. The recipient ({@code roles}: what they hold now) must hold the
   * role the kind needs and pass the feature's own check (still one of the pair, still the peer's
   * supervisor, still a facilitator…); a kind no feature registered a check for needs only the role.
   * Callers have already established that the account is active and in the notification's organization
   * (a signed-in person is; the outbox joins on it). A failed check counts as no. Answers, of {@code links}
   * (one kind's), those the recipient may still hear of.
   */
  public Future<Set<String>> entitledLinks(NotificationKind kind, long recipientId, Collection<String> roles, Collection<String> links) {
    if (kind.requiredRole() != null && !roles.contains(kind.requiredRole())) {
      return Future.succeededFuture(Set.of());
    }
    DeliveryCheck c = checks.get(kind);
    return c == null ? Future.succeededFuture(new HashSet<>(links)) : c.entitledLinks(recipientId, links)
        .onFailure(e -> LOG.warn("the delivery check of {} failed; its notices are not shown this time", kind, e)).otherwise(Set.of());
  }

  /** {@link #entitledLinks} for one notification (the mail worker's). */
  public Future<Boolean> stillEntitled(NotificationKind kind, long recipientId, Collection<String> roles, String link) {
    return entitledLinks(kind, recipientId, roles, List.of(link)).map(allowed -> allowed.contains(link));
  }

  /** Where features register their periodic checks (reminders, overdue, due). */
  public NoticeJobs jobs() {
    return jobs;
  }

  public boolean mailEnabled() {
    return mailEnabled;
  }

  /** Writes the notice for each wanted recipient inside {@code tx}; answers how many people were notified. */
  public Future<Integer> enqueue(SqlClient tx, Notice n) {
    if (n.recipients().isEmpty()) {
      return Future.succeededFuture(0);
    }
    Tuple args = Tuple.of(n.orgId(), n.recipients().toArray(new Long[0]), n.kind().code(), n.eventKey(),
        n.kind().defaultChannel().code(), n.title(), n.link(), mailEnabled);
    return tx.preparedQuery(ENQUEUE).execute(args).map(rows -> rows.iterator().next().getLong("added").intValue());
  }

  /**
   * For the privacy work: {@code ownerId}'s items became visible to someone new ({@code viewerName},
   * shown in the app only). {@code grantKey} identifies the grant (e.g. {@code "grant:17"}), so the
   * same new viewer is told once.
   */
  public Future<Integer> newViewer(SqlClient tx, long orgId, long ownerId, String viewerName, String grantKey) {
    return enqueue(tx, Notice.to(orgId, ownerId, NotificationKind.NEW_VIEWER, "new_viewer:" + grantKey,
        viewerName + " can now see some of your disclosure items", "/disclosure"));
  }
}
