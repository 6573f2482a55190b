import { useState } from 'preact/hooks';
import { api, fieldErrors } from '../api.js';
import { Grid } from '../components/grid.js';
import { Field } from '../components/field.js';
import { errorText, useLoad } from '../hooks.js';
import { when } from '../format.js';
import type { CreatedKeyJ, KeyJ, NewUserBody, UserJ } from '../types.js';

const ROLES = ['agent', 'marketing', 'manager', 'admin'] as const;

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [user, setUser] = useState<NewUserBody>({
    email: '',
    name: '',
    role: 'agent',
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api('/users', { method: 'POST', body: user });
      setErrors({});
      setUser({ email: '', name: '', role: 'agent', password: '' });
      onCreated();
    } catch (failure) {
      setErrors(fieldErrors(errorText(failure)));
    }
  };
  const input = (key: 'email' | 'name' | 'password', label: string, type = 'text') => (
    <Field id={`user-${key}`} label={label} error={errors[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          autocomplete="off"
          value={user[key]}
          onInput={(e) => setUser({ ...user, [key]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  return (
    <form class="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      {input('email', 'Email', 'email')}
      {input('name', 'Name')}
      <Field id="user-role" label="Role" error={errors.role}>
        {(props) => (
          <select
            {...props}
            value={user.role}
            onChange={(e) =>
              setUser({ ...user, role: e.currentTarget.value as NewUserBody['role'] })
            }
          >
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        )}
      </Field>
      {input('password', 'Password (10+ characters)', 'password')}
      <button type="submit">Add user</button>
    </form>
  );
}

function Keys() {
  const keys = useLoad(() => api<{ items: KeyJ[] }>('/keys'), 'keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('agent');
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (event: Event) => {
    event.preventDefault();
    try {
      const created = await api<CreatedKeyJ>('/keys', {
        method: 'POST',
        body: { name, role },
      });
      setShown(`Key for ${created.name} (shown once): ${created.key}`);
      setError(null);
      setName('');
      keys.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const revoke = async (keyName: string) => {
    await api(`/keys/${encodeURIComponent(keyName)}`, { method: 'DELETE' }).catch((f: unknown) =>
      setError(errorText(f)),
    );
    keys.reload();
  };
  return (
    <section>
      <h2>API keys (for machines)</h2>
      <Grid columns={['Name', 'Role', 'Prefix', 'Created', 'State']}>
        {keys.data?.items.map((key) => (
          <tr key={key.id}>
            <td>{key.name}</td>
            <td>{key.role}</td>
            <td>
              <code>{key.prefix}…</code>
            </td>
            <td>{when(key.createdAt)}</td>
            <td>
              {key.revokedAt ? (
                `revoked ${when(key.revokedAt)}`
              ) : (
                <button type="button" onClick={() => void revoke(key.name)}>
                  Revoke {key.name}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Grid>
      <form class="inline-form" onSubmit={(event) => void create(event)}>
        <label>
          Key name
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Role
          <select
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as (typeof ROLES)[number])}
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Create key</button>
      </form>
      {error && <p class="error">{error}</p>}
      {shown && (
        <p class="secret" role="status">
          <code>{shown}</code>
        </p>
      )}
    </section>
  );
}

export function Team() {
  const users = useLoad(() => api<{ items: UserJ[] }>('/users'), 'users');
  const [error, setError] = useState<string | null>(null);
  const change = async (user: UserJ, body: { role?: UserJ['role']; disabled?: boolean }) => {
    try {
      await api(`/users/${user.id}`, { method: 'PATCH', body });
      users.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div class="page">
      <h1>Team</h1>
      <section>
        <h2>People</h2>
        {error && <p class="error">{error}</p>}
        <Grid columns={['Email', 'Name', 'Role', 'State']}>
          {users.data?.items.map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td>{user.name}</td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(e) =>
                    void change(user, { role: e.currentTarget.value as UserJ['role'] })
                  }
                >
                  {ROLES.map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => void change(user, { disabled: !user.disabledAt })}
                >
                  {user.disabledAt ? `Enable ${user.email}` : `Disable ${user.email}`}
                </button>
              </td>
            </tr>
          ))}
        </Grid>
        <NewUser onCreated={users.reload} />
      </section>
      <Keys />
    </div>
  );
}
