import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, fieldErrors } from '../api.js';
import { Grid } from '../components/grid.js';
import { Field } from '../components/field.js';
import { when } from '../format.js';
import { useLoad } from '../hooks.js';
import { BASE, navigate } from '../router.js';
import { may, useMe } from '../session.js';
import type { ChannelTestJ, ScheduleJ, WatchJ } from '../types.js';
import { ChannelsFieldset } from './watch-channels.js';
import { SOURCE_NAMES } from '../../../domain/vocabulary.js';

type Source = WatchJ['sources'][number];

/** The fields each source type takes (domain/watch.ts WatchSource); the API validates them. */
const SOURCE_FIELDS: Partial<Record<Source['type'], Array<keyof Source>>> = {
  replay: ['file'],
  reddit: ['subreddit', 'listing'],
  mastodon: ['instance', 'hashtag'],
  rss: ['url'],
  appstore: ['appId', 'country'],
  youtube: ['videoId', 'channelId'],
  stackexchange: ['site'],
};

export function Watches() {
  const me = useMe();
  const list = useLoad(() => api<{ items: WatchJ[] }>('/watches'), 'watches');
  return (
    <div class="page">
      <h1>Watches</h1>
      {may(me, 'watchesWrite') && (
        <a class="button" href={`${BASE}/watches/new`}>
          New watch
        </a>
      )}
      {list.error && <p class="error">{list.error}</p>}
      <Grid
        caption="Watches"
        columns={['Watch', 'Keywords', 'Sources', 'Schedule', 'Channels', 'State']}
      >
        {list.data?.items.map((watch) => (
          <tr key={watch.id}>
            <td>
              <a href={`${BASE}/watches/${watch.id}`}>{watch.name}</a>{' '}
              <span class="muted">{watch.id}</span>
            </td>
            <td>{watch.keywords.join(', ')}</td>
            <td>{watch.sources.map((s) => s.type).join(', ')}</td>
            <td>
              <code>{watch.schedule}</code>
            </td>
            <td>{watch.alerting?.channels.map((c) => `${c.type} ${c.id}`).join(', ') || 'none'}</td>
            <td>{watch.enabled === false ? 'paused' : 'on'}</td>
          </tr>
        ))}
      </Grid>
    </div>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const EMPTY: WatchJ = {
  id: '',
  name: '',
  keywords: [],
  exclusions: [],
  sources: [{ type: 'hackernews' }],
  schedule: '*/15 * * * *',
  enabled: true,
};

export function WatchEdit({ id }: { id: string | null }) {
  const me = useMe();
  const canWrite = may(me, 'watchesWrite');
  const loaded = useLoad(
    () => (id ? api<WatchJ>(`/watches/${id}`) : Promise.resolve(EMPTY)),
    id ?? 'new',
  );
  const [watch, setWatch] = useState<WatchJ>(EMPTY);
  const [keywords, setKeywords] = useState('');
  const [exclusions, setExclusions] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, string>>({});
  // The next runs of the schedule as saved: asked once the watch is in (its second request), and
  // again after a save changed it.
  const schedule = useLoad(
    () => (id && loaded.data ? api<ScheduleJ>(`/watches/${id}/schedule`) : Promise.resolve(null)),
    `${id ?? 'new'}|${loaded.data?.schedule ?? ''}`,
  );
  const sendTest = async (channelId: string) => {
    setTests({ ...tests, [channelId]: 'Sending…' });
    try {
      const result = await api<ChannelTestJ>(`/watches/${id}/channels/${channelId}/test`, {
        method: 'POST',
      });
      const outcome = `${result.delivered ? 'Delivered' : 'Not delivered'}: ${result.detail}`;
      setTests((all) => ({ ...all, [channelId]: outcome }));
    } catch (error) {
      setTests((all) => ({ ...all, [channelId]: `Not sent: ${(error as Error).message}` }));
    }
  };
  useEffect(() => {
    if (loaded.data) {
      setWatch(loaded.data);
      setKeywords(loaded.data.keywords.join('\n'));
      setExclusions((loaded.data.exclusions ?? []).join('\n'));
    }
  }, [loaded.data]);
  if (loaded.error) {
    return <p class="error">{loaded.error}</p>;
  }
  const setSource = (index: number, change: Partial<Source>) =>
    setWatch({
      ...watch,
      // What the user typed, not yet a valid source of its type: the API validates it on save.
      sources: watch.sources.map((s, i) => (i === index ? ({ ...s, ...change } as Source) : s)),
    });
  const save = async (event: Event) => {
    event.preventDefault();
    const { updatedAt: _readOnly, ...rest } = watch;
    const body = { ...rest, keywords: lines(keywords), exclusions: lines(exclusions) };
    try {
      const saved = id
        ? await api<WatchJ>(`/watches/${id}`, { method: 'PUT', body })
        : await api<WatchJ>('/watches', { method: 'POST', body });
      setErrors({});
      setStatus(`Saved ${saved.name}`);
      loaded.set(saved);
      if (!id) {
        navigate(`${BASE}/watches/${saved.id}`);
      }
    } catch (failure) {
      const detail = failure instanceof ApiError ? failure.detail : String(failure);
      setErrors(fieldErrors(detail));
      setStatus('Not saved: see the fields marked below');
    }
  };
  /** A text field; with `rows`, a list edited as text, one entry a line. */
  const text = (
    path: string,
    label: string,
    value: string,
    onInput: (v: string) => void,
    rows?: number,
  ) => (
    <Field id={`f-${path.replace(/\./g, '-')}`} label={label} error={errors[path]}>
      {(props) => {
        const control = {
          ...props,
          value,
          disabled: !canWrite,
          onInput: (e: { currentTarget: { value: string } }) => onInput(e.currentTarget.value),
        };
        return rows ? <textarea {...control} rows={rows} /> : <input {...control} />;
      }}
    </Field>
  );
  return (
    <div class="page">
      <h1>{id ? `Watch ${watch.name}` : 'New watch'}</h1>
      <form class="watch-form" onSubmit={(event) => void save(event)} noValidate>
        {!id &&
          text('id', 'Id (lower-case letters, digits, dashes)', watch.id, (v) =>
            setWatch({ ...watch, id: v }),
          )}
        {text('name', 'Name', watch.name, (v) => setWatch({ ...watch, name: v }))}
        {text('keywords', 'Keywords (one per line)', keywords, setKeywords, 3)}
        {text('exclusions', 'Exclusions (one per line)', exclusions, setExclusions, 2)}
        {text('schedule', 'Schedule (cron, with optional seconds)', watch.schedule, (v) =>
          setWatch({ ...watch, schedule: v }),
        )}
        {(schedule.data?.nextRuns.length ?? 0) > 0 && (
          <p class="next-runs">
            Next runs (as saved): {schedule.data?.nextRuns.map((run) => when(run)).join(' · ')}
          </p>
        )}
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={watch.enabled !== false}
              disabled={!canWrite}
              onChange={(e) => setWatch({ ...watch, enabled: e.currentTarget.checked })}
            />{' '}
            Enabled
          </label>
        </div>
        <fieldset>
          <legend>Sources</legend>
          {watch.sources.map((source, index) => (
            <div class="source" key={index}>
              <Field
                id={`f-sources-${index}-type`}
                label={`Source ${index + 1} type`}
                error={errors[`sources.${index}.type`]}
              >
                {(props) => (
                  <select
                    {...props}
                    value={source.type}
                    disabled={!canWrite}
                    onChange={(e) =>
                      setSource(index, { type: e.currentTarget.value as Source['type'] })
                    }
                  >
                    {SOURCE_NAMES.map((type) => (
                      <option key={type}>{type}</option>
                    ))}
                  </select>
                )}
              </Field>
              {(SOURCE_FIELDS[source.type] ?? []).map((key) =>
                text(`sources.${index}.${key}`, `${key}`, source[key] ?? '', (v) =>
                  setSource(index, { [key]: v || undefined }),
                ),
              )}
              {canWrite && watch.sources.length > 1 && (
                <button
                  type="button"
                  onClick={() =>
                    setWatch({ ...watch, sources: watch.sources.filter((_, i) => i !== index) })
                  }
                >
                  Remove source {index + 1}
                </button>
              )}
            </div>
          ))}
          {canWrite && (
            <button
              type="button"
              onClick={() =>
                setWatch({ ...watch, sources: [...watch.sources, { type: 'hackernews' }] })
              }
            >
              Add a source
            </button>
          )}
          {errors.sources && <p class="error">{errors.sources}</p>}
        </fieldset>
        <ChannelsFieldset
          channels={watch.alerting?.channels ?? []}
          savedIds={new Set(loaded.data?.alerting?.channels.map((c) => c.id) ?? [])}
          canWrite={canWrite}
          errors={errors}
          tests={tests}
          onChange={(channels) => setWatch({ ...watch, alerting: { ...watch.alerting, channels } })}
          onTest={(channelId) => void sendTest(channelId)}
        />
        {Object.entries(errors)
          .filter(([path]) => !document.getElementById(`f-${path.replace(/\./g, '-')}`))
          .map(([path, message]) => (
            <p key={path} class="error">
              {path}: {message}
            </p>
          ))}
        <p role="status" class="status">
          {status}
        </p>
        {canWrite && <button type="submit">Save</button>}
      </form>
    </div>
  );
}
