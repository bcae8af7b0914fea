-- Issue 12: a draft record (nothing signed) may be discarded, so a session started by mistake or
-- not held after all leaves no trace in hours. A signed record still can never be removed.
create function supervision_record_delete_draft_only() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' then
    raise exception 'a finalized supervision record cannot be removed' using errcode = '42501';
  end if;
  return old;
end $$;
drop trigger supervision_records_no_delete on supervision_records;
create trigger supervision_records_no_delete before delete on supervision_records
  for each row execute function supervision_record_delete_draft_only();
