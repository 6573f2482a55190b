import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../hooks.js';
import type { Me } from '../types.js';

/** A required sign-in field; its id is also its input type (email, password). */
function credential(
  id: 'email' | 'password',
  label: string,
  autocomplete: string,
  value: string,
  onInput: (value: string) => void,
) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type={id}
        autocomplete={autocomplete}
        required
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </>
  );
}

export function Login({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Me>('/auth/login', { method: 'POST', body: { email, password } }));
    } catch (failure) {
      // The server's detail names the field: "password: wrong email or password".
      setError(errorText(failure).replace(/^\w+: /, ''));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Earshot</h1>
      <form
        onSubmit={(event) => void submit(event)}
        aria-describedby={error ? 'login-error' : undefined}
      >
        {credential('email', 'Email', 'username', email, setEmail)}
        {credential('password', 'Password', 'current-password', password, setPassword)}
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
