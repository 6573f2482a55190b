import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrf, whenSignedOut } from './api.js';
import { Shell } from './shell.js';
import { Login } from './pages/login.js';
import { MeContext } from './session.js';
import type { Me } from './types.js';
import './styles.css';

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    whenSignedOut(() => {
      setCsrf(null);
      setMe(null);
    });
    api<Me>('/auth/me').then(
      (found) => {
        setCsrf(found.csrf);
        setMe(found);
      },
      () => setMe(null),
    );
  }, []);
  if (me === undefined) {
    return <p class="loading">Loading…</p>;
  }
  if (me === null) {
    return (
      <Login
        onSignedIn={(signedIn) => {
          setCsrf(signedIn.csrf);
          setMe(signedIn);
        }}
      />
    );
  }
  return (
    <MeContext.Provider value={me}>
      <Shell />
    </MeContext.Provider>
  );
}

render(<App />, document.getElementById('root')!);
