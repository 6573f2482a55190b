import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { FactorBars } from '../components/factor-bars.js';
import { MentionCard } from '../components/mention-card.js';
import { errorText, useLoad } from '../hooks.js';
import { num, when, words } from '../format.js';
import { BASE } from '../router.js';
import type { AlertDetailJ, AlertJ } from '../types.js';

interface Props {
  id: string;
  /** Bumped when the alert changed (here or in another browser): reload. */
  version: number;
  canTriage: boolean;
  onTake: () => void;
  onResolve: () => void;
  onDismiss: () => void;
  onChanged: (alert: AlertJ) => void;
}

/** The alert with its evidence and its author, in one request (the inbox's list is the other). */
const loadDetail = (id: string) => api<AlertDetailJ>(`/alerts/${id}`);

function History({ alert }: { alert: AlertJ }) {
  if (alert.history.length === 0) {
    return <p>No changes yet.</p>;
  }
  return (
    <ol class="timeline">
      {alert.history.map((change, index) => (
        <li key={index}>
          <time dateTime={change.at}>{when(change.at)}</time> <strong>{change.by}</strong>{' '}
          {change.field === 'note'
            ? `noted: ${String(change.to)}`
            : `${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`}
        </li>
      ))}
    </ol>
  );
}

function NoteBox({ id, onChanged }: { id: string; onChanged: (alert: AlertJ) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (event: Event) => {
    event.preventDefault();
    try {
      onChanged(await api<AlertJ>(`/alerts/${id}`, { method: 'PATCH', body: { note } }));
      setNote('');
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <form class="note" onSubmit={(event) => void add(event)}>
      <label for="note">Add a note</label>
      <textarea id="note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {error && <p class="error">{error}</p>}
      <button type="submit" disabled={!note.trim()}>
        Add note
      </button>
    </form>
  );
}

export function AlertDetail(props: Props) {
  const { id, version, canTriage } = props;
  const loaded = useLoad(() => loadDetail(id), `${id}:${version}`);
  if (loaded.error) {
    return <p class="error">{loaded.error}</p>;
  }
  if (!loaded.data) {
    return <p class="loading">Loading…</p>;
  }
  const alert = loaded.data;
  const profile = alert.author?.profile;
  const closed = alert.status === 'resolved' || alert.status === 'dismissed';
  const onChanged = (changed: AlertJ) => {
    props.onChanged(changed);
    loaded.reload();
  };
  return (
    <article class="alert-detail">
      <h2>
        <span class={`sev sev-${alert.severity}`}>{alert.severity}</span> {words(alert.type)}:{' '}
        {alert.authorHandle ?? alert.watchId}
      </h2>
      <p class="meta">
        {alert.status}
        {alert.assignee && ` · assigned to ${alert.assignee}`} · watch {alert.watchId} · score{' '}
        {num(alert.score)} · {alert.evidenceCount} mentions · raised {when(alert.createdAt)}
      </p>
      {canTriage && !closed && (
        <div class="actions" role="group" aria-label="Triage">
          <button type="button" onClick={props.onTake}>
            Take (a)
          </button>
          <button type="button" onClick={props.onResolve}>
            Resolve (e)
          </button>
          <button type="button" onClick={props.onDismiss}>
            Dismiss (#)
          </button>
        </div>
      )}
      <h3>Why</h3>
      <p class="reason">{alert.reason}</p>
      <FactorBars factors={alert.factors} />
      <h3>Evidence</h3>
      {alert.mentions.map((mention) => (
        <MentionCard key={mention.id} mention={mention} />
      ))}
      {profile && (
        <>
          <h3>
            Author{' '}
            <a href={`${BASE}/authors/${encodeURIComponent(profile.authorId)}`}>{profile.handle}</a>
          </h3>
          <p class="meta">
            {profile.name && `${profile.name} · `}
            {profile.followers ?? '?'} followers · {profile.counts.total} mentions (
            {profile.counts.negative} negative, {profile.counts.positive} positive) · trend{' '}
            {profile.trend === null ? 'n/a' : num(profile.trend)}
          </p>
          <ul class="compact">
            {alert.author?.mentions.map((m) => (
              <li key={m.id}>
                <span class={`label label-${m.analysis?.label ?? 'none'}`}>
                  {m.analysis?.label ?? 'pending'}
                </span>{' '}
                {m.text.slice(0, 140)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>History</h3>
      <History alert={alert} />
      {alert.notes.length > 0 && (
        <ul class="notes">
          {alert.notes.map((note, index) => (
            <li key={index}>
              <strong>{note.by}</strong> ({when(note.at)}): {note.text}
            </li>
          ))}
        </ul>
      )}
      {canTriage && <NoteBox id={alert.id} onChanged={onChanged} />}
    </article>
  );
}
