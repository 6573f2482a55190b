import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { errorText, useLoad } from '../hooks.js';
import { when, words } from '../format.js';
import { BASE, navigate } from '../router.js';
import { may, useMe } from '../session.js';
import type { AlertJ, AlertPatchBody, AlertsParams, Page } from '../types.js';
import { AlertDetail } from './alert-detail.js';
import { AlertFilterForm } from './alert-filters.js';
import { KeyHelp, NoteDialog } from './dialogs.js';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** What triage needs of an alert: its id (an opened alert may not be in the list yet). */
type Triageable = Pick<AlertJ, 'id'> & Partial<AlertJ>;

function upsert(items: AlertJ[], alert: AlertJ): { items: AlertJ[]; added: boolean } {
  const at = items.findIndex((item) => item.id === alert.id);
  if (at === -1) {
    return { items: [alert, ...items], added: true };
  }
  const next = [...items];
  next[at] = alert;
  return { items: next, added: false };
}

/** The alert stream, from now on, with the list's filters; each event is a new or changed alert. */
function useAlertStream(filters: AlertsParams, onAlert: (alert: AlertJ) => void): void {
  const handler = useRef(onAlert);
  handler.current = onAlert;
  // Without the status filter: an alert that leaves it (taken, resolved in another browser) must
  // still reach the list, to show its new state; the list decides what to add.
  const { sort: _sort, limit: _limit, cursor: _cursor, status: _status, ...streamed } = filters;
  const key = JSON.stringify(streamed);
  useEffect(() => {
    const source = new EventSource(`/alerts/stream${query(streamed)}`);
    source.addEventListener('alert', (event) => {
      handler.current(JSON.parse((event as MessageEvent<string>).data) as AlertJ);
    });
    return () => source.close();
  }, [key]);
}

export function Inbox({ openId }: { openId: string | null }) {
  const me = useMe();
  const canTriage = may(me, 'triage');
  const [filters, setFilters] = useState<AlertsParams>({ status: 'open', sort: 'newest' });
  const list = useLoad(
    () => api<Page<AlertJ>>(`/alerts${query({ ...filters, limit: 100 })}`),
    JSON.stringify(filters),
  );
  const [items, setItems] = useState<AlertJ[]>([]);
  const [selected, setSelectedState] = useState(0);
  // The selection as the keys left it, before Preact renders it: j, j, Enter typed faster than a
  // render opens the third alert, not the first.
  const selectedNow = useRef(0);
  const setSelected = (index: number) => {
    selectedNow.current = index;
    setSelectedState(index);
  };
  const [unread, setUnread] = useState(0);
  const [changed, setChanged] = useState(0);
  const [dialog, setDialog] = useState<'help' | 'resolve' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const loaded = list.data?.items ?? [];
    setItems(loaded);
    // An alert opened by its address is the selected row: j and k move on from it.
    const opened = openId ? loaded.findIndex((item) => item.id === openId) : -1;
    if (opened >= 0) {
      setSelected(opened);
    }
  }, [list.data]);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Inbox · Earshot` : 'Inbox · Earshot';
  }, [unread]);
  useAlertStream(filters, (alert) => {
    setItems((current) => {
      const known = current.some((item) => item.id === alert.id);
      if (!known && filters.status && alert.status !== filters.status) {
        return current;
      }
      if (!known) {
        setUnread((n) => n + 1);
      }
      return upsert(current, alert).items;
    });
    if (alert.id === openId) {
      setChanged((n) => n + 1);
    }
  });

  const current = items[Math.min(selected, items.length - 1)];
  // With an alert open, keys and buttons act on it, listed or not (the list may still be loading,
  // or not hold it: an alert opened by its address can be older or of another status).
  const target: Triageable | undefined = openId
    ? (items.find((item) => item.id === openId) ?? { id: openId })
    : current;

  const patch = async (alert: Triageable | undefined, body: AlertPatchBody, done: string) => {
    if (!alert) {
      return;
    }
    if (!canTriage) {
      setMessage(`Your role (${me.role}) may not triage alerts.`);
      return;
    }
    try {
      const updated = await api<AlertJ>(`/alerts/${alert.id}`, { method: 'PATCH', body });
      setItems((list) => upsert(list, updated).items);
      setChanged((n) => n + 1);
      setMessage(`${done}: ${updated.authorHandle ?? updated.watchId}`);
    } catch (failure) {
      setMessage(errorText(failure));
    }
  };
  const take = (alert = target) =>
    patch(alert, { assignee: me.email ?? me.name, status: 'acknowledged' }, 'Taken');
  const dismiss = (alert = target) => patch(alert, { status: 'dismissed' }, 'Dismissed');
  const resolve = (note: string) =>
    patch(target, { status: 'resolved', ...(note.trim() && { note: note.trim() }) }, 'Resolved');

  // Set at each render, read at each key, so that no key meets the closure of an older render.
  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKeyRef.current = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement;
    if (dialog || TYPING.has(el.tagName) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    setUnread(0);
    const keys: Record<string, () => void> = {
      j: () => setSelected(Math.min(selectedNow.current + 1, items.length - 1)),
      k: () => setSelected(Math.max(selectedNow.current - 1, 0)),
      Enter: () => {
        const chosen = items[Math.min(selectedNow.current, items.length - 1)];
        if (chosen) {
          navigate(`${BASE}/inbox/${chosen.id}`);
        }
      },
      a: () => void take(),
      e: () => (canTriage ? setDialog('resolve') : void take(undefined)),
      '#': () => void dismiss(),
      '?': () => setDialog('help'),
    };
    const action = keys[event.key];
    if (action && !(event.key === 'Enter' && el.tagName === 'BUTTON')) {
      event.preventDefault();
      action();
    }
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onKeyRef.current(event);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="inbox">
      <section class="list" aria-label="Alerts" aria-busy={list.loading}>
        <h1>
          Inbox {unread > 0 && <span class="badge">{unread} new</span>}
          <button type="button" class="link" onClick={() => setDialog('help')}>
            Keys (?)
          </button>
        </h1>
        <AlertFilterForm value={filters} me={me.email ?? me.name} onChange={setFilters} />
        <p class="status" role="status">
          {message}
        </p>
        {list.error && <p class="error">{list.error}</p>}
        {items.length === 0 && !list.loading && <p>No alerts match.</p>}
        <ol class="alerts">
          {items.map((alert, index) => (
            <li
              key={alert.id}
              class={`alert ${index === selected ? 'selected' : ''} ${alert.id === openId ? 'open' : ''}`}
              aria-current={index === selected ? 'true' : undefined}
            >
              <a href={`${BASE}/inbox/${alert.id}`} onClick={() => setSelected(index)}>
                <span class={`sev sev-${alert.severity}`}>{alert.severity}</span>
                <span class="type">{words(alert.type)}</span>
                <span class="who">{alert.authorHandle ?? alert.watchId}</span>
                <span class="state">{alert.status}</span>
                <span class="reason">{alert.reason}</span>
                <time dateTime={alert.createdAt}>{when(alert.createdAt)}</time>
              </a>
            </li>
          ))}
        </ol>
      </section>
      <section class="detail" aria-label="Alert detail">
        {openId ? (
          <AlertDetail
            id={openId}
            version={changed}
            canTriage={canTriage}
            onTake={() => void take()}
            onResolve={() => setDialog('resolve')}
            onDismiss={() => void dismiss()}
            onChanged={(alert) => setItems((list) => upsert(list, alert).items)}
          />
        ) : (
          <p class="hint">Select an alert: j and k move, Enter opens, ? lists the keys.</p>
        )}
      </section>
      {dialog === 'help' && <KeyHelp onClose={() => setDialog(null)} />}
      {dialog === 'resolve' && (
        <NoteDialog
          title={`Resolve ${target?.authorHandle ?? target?.watchId ?? 'alert'}`}
          onCancel={() => setDialog(null)}
          onSubmit={(note) => {
            setDialog(null);
            void resolve(note);
          }}
        />
      )}
    </div>
  );
}
