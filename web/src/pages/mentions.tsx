import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { MentionCard } from '../components/mention-card.js';
import { errorText, useLoad } from '../hooks.js';
import { may, useMe } from '../session.js';
import type { MentionJ, MentionPatchBody, MentionsParams, Page, SentimentLabel } from '../types.js';
import { INTENTS, SENTIMENT_LABELS, SOURCE_NAMES } from '../../../domain/vocabulary.js';

/** Label correction: stored through PATCH /mentions/:id (who, when, from, to) for the learner. */
function Correct({ mention }: { mention: MentionJ }) {
  const [label, setLabel] = useState<SentimentLabel>(mention.analysis?.label ?? 'neutral');
  const [result, setResult] = useState<string | null>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const body: MentionPatchBody = { label };
      await api(`/mentions/${mention.id}`, { method: 'PATCH', body });
      setResult(`Saved: ${label}`);
    } catch (failure) {
      setResult(errorText(failure));
    }
  };
  const id = `label-${mention.id}`;
  return (
    <form class="correct" onSubmit={(event) => void save(event)}>
      <label for={id}>Correct label</label>
      <select
        id={id}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value as SentimentLabel)}
      >
        {SENTIMENT_LABELS.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      <button type="submit" disabled={label === mention.analysis?.label}>
        Save
      </button>
      <span role="status">{result}</span>
    </form>
  );
}

type Field = {
  key: keyof MentionsParams;
  label: string;
  options?: readonly string[];
  type?: string;
};
const FIELDS: Field[] = [
  { key: 'q', label: 'Text', type: 'search' },
  { key: 'watch', label: 'Watch' },
  { key: 'source', label: 'Source', options: SOURCE_NAMES },
  { key: 'label', label: 'Label', options: SENTIMENT_LABELS },
  { key: 'intent', label: 'Intent', options: INTENTS },
  { key: 'author', label: 'Author id' },
  { key: 'from', label: 'From', type: 'datetime-local' },
  { key: 'to', label: 'To', type: 'datetime-local' },
];

function toParam(field: Field, raw: string): string | undefined {
  if (!raw) {
    return undefined;
  }
  return field.type === 'datetime-local' ? new Date(raw).toISOString() : raw;
}

export function Mentions() {
  const me = useMe();
  const [filters, setFilters] = useState<MentionsParams>({});
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [more, setMore] = useState<MentionJ[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(async () => {
    const first = await api<Page<MentionJ>>(`/mentions${query({ ...filters, limit: 50 })}`);
    setMore([]);
    setCursor(first.nextCursor);
    return first;
  }, JSON.stringify(filters));
  const loadMore = async () => {
    const next = await api<Page<MentionJ>>(`/mentions${query({ ...filters, limit: 50, cursor })}`);
    setMore((items) => [...items, ...next.items]);
    setCursor(next.nextCursor);
  };
  const apply = (event: Event) => {
    event.preventDefault();
    setFilters(Object.fromEntries(FIELDS.map((f) => [f.key, toParam(f, raw[f.key] ?? '')])));
  };
  const items = [...(page.data?.items ?? []), ...more];
  return (
    <div class="page">
      <h1>Mentions</h1>
      <form class="filters" onSubmit={apply}>
        {FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            {field.options ? (
              <select
                value={raw[field.key] ?? ''}
                onChange={(e) => setRaw({ ...raw, [field.key]: e.currentTarget.value })}
              >
                <option value="">any</option>
                {field.options.map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
            ) : (
              <input
                type={field.type ?? 'text'}
                value={raw[field.key] ?? ''}
                onInput={(e) => setRaw({ ...raw, [field.key]: e.currentTarget.value })}
              />
            )}
          </label>
        ))}
        <button type="submit">Search</button>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      {items.length === 0 && !page.loading && <p>No mentions match.</p>}
      {items.map((mention) => (
        <MentionCard key={mention.id} mention={mention}>
          {may(me, 'triage') && <Correct mention={mention} />}
        </MentionCard>
      ))}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          More
        </button>
      )}
    </div>
  );
}
