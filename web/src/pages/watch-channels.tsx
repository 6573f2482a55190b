import { Field } from '../components/field.js';
import type { WatchJ } from '../types.js';
import { SEVERITIES } from '../../../domain/vocabulary.js';

type Channel = NonNullable<WatchJ['alerting']>['channels'][number];

const NEW_CHANNEL: Channel = { id: '', type: 'slack', url: '', minSeverity: 'medium' };

/**
 * A watch's notification channels, edited in its form. The API shows URLs and secrets masked and
 * keeps the stored ones when the masked value comes back unchanged, matched by channel id: so a
 * saved channel's id cannot be edited here (remove it and add another instead).
 */
export function ChannelsFieldset({
  channels,
  savedIds,
  canWrite,
  errors,
  tests,
  onChange,
  onTest,
}: {
  channels: Channel[];
  /** Ids of the channels as last saved: those can be sent a test, and keep their id. */
  savedIds: ReadonlySet<string>;
  canWrite: boolean;
  errors: Record<string, string>;
  tests: Record<string, string>;
  onChange: (channels: Channel[]) => void;
  onTest: (channelId: string) => void;
}) {
  const set = (index: number, change: Partial<Channel>) =>
    onChange(channels.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const field = (index: number, key: keyof Channel, label: string, control: 'input' | string[]) => {
    const path = `alerting.channels.${index}.${key}`;
    const channel = channels[index] as Channel;
    return (
      <Field id={`f-${path.replace(/\./g, '-')}`} label={label} error={errors[path]}>
        {(props) =>
          control === 'input' ? (
            <input
              {...props}
              value={channel[key] ?? ''}
              disabled={!canWrite || (key === 'id' && savedIds.has(channel.id))}
              onInput={(e) => set(index, { [key]: e.currentTarget.value || undefined })}
            />
          ) : (
            <select
              {...props}
              value={channel[key]}
              disabled={!canWrite}
              onChange={(e) => set(index, { [key]: e.currentTarget.value })}
            >
              {control.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          )
        }
      </Field>
    );
  };
  return (
    <fieldset>
      <legend>Channels (URLs and secrets masked: left as shown, they are kept)</legend>
      {channels.length === 0 && <p>No channels: alerts are listed here, not sent.</p>}
      {channels.map((channel, index) => (
        <div class="channel" key={index}>
          {field(index, 'id', `Channel ${index + 1} id`, 'input')}
          {field(index, 'type', `Channel ${index + 1} type`, ['slack', 'webhook'])}
          {field(index, 'url', `Channel ${index + 1} URL`, 'input')}
          {channel.type === 'webhook' &&
            field(index, 'secret', `Channel ${index + 1} secret (16 characters or more)`, 'input')}
          {field(index, 'minSeverity', `Channel ${index + 1} from severity`, [...SEVERITIES])}
          {canWrite && savedIds.has(channel.id) && (
            <button type="button" onClick={() => onTest(channel.id)}>
              Send a test notification to {channel.id}
            </button>
          )}
          {tests[channel.id] && (
            <span role="status" class="test-result">
              {' '}
              {tests[channel.id]}
            </span>
          )}
          {canWrite && (
            <button type="button" onClick={() => onChange(channels.filter((_, i) => i !== index))}>
              Remove channel {index + 1}
            </button>
          )}
        </div>
      ))}
      {canWrite && (
        <button type="button" onClick={() => onChange([...channels, { ...NEW_CHANNEL }])}>
          Add a channel
        </button>
      )}
    </fieldset>
  );
}
