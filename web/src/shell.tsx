import { useEffect } from 'preact/hooks';
import { api, setCsrf } from './api.js';
import { Advocates } from './pages/advocates.js';
import { Author } from './pages/author.js';
import { Inbox } from './pages/inbox.js';
import { Mentions } from './pages/mentions.js';
import { Overview } from './pages/overview.js';
import { Team } from './pages/team.js';
import { WatchEdit, Watches } from './pages/watches.js';
import { BASE, navigate, onLink, usePath } from './router.js';
import { may, useMe } from './session.js';

function Page({ path }: { path: string }) {
  const me = useMe();
  const [, section, id] = path.split('/');
  switch (section) {
    case 'inbox':
      return <Inbox openId={id ?? null} />;
    case 'mentions':
      return <Mentions />;
    case 'advocates':
      return <Advocates />;
    case 'authors':
      return id ? <Author id={decodeURIComponent(id)} /> : <Advocates />;
    case 'overview':
      return <Overview />;
    case 'watches':
      return id ? <WatchEdit id={id === 'new' ? null : id} /> : <Watches />;
    case 'team':
      return may(me, 'team') ? <Team /> : <p>Only admins manage the team.</p>;
    case undefined:
    default:
      return me.role === 'marketing' ? <Advocates /> : <Inbox openId={null} />;
  }
}

export function Shell() {
  const me = useMe();
  const path = usePath();
  const section = path.split('/')[1] ?? '';
  const links = [
    { to: 'inbox', label: 'Inbox', show: true },
    { to: 'mentions', label: 'Mentions', show: true },
    { to: 'advocates', label: 'Advocates', show: may(me, 'advocates') },
    { to: 'overview', label: 'Overview', show: true },
    { to: 'watches', label: 'Watches', show: true },
    { to: 'team', label: 'Team', show: may(me, 'team') },
  ];
  // Each page names itself in the tab; the inbox adds its unread count (pages/inbox.tsx).
  const shown = section || (me.role === 'marketing' ? 'advocates' : 'inbox');
  const label =
    links.find((link) => link.to === shown)?.label ?? (shown === 'authors' ? 'Author' : undefined);
  useEffect(() => {
    if (label !== 'Inbox') {
      document.title = label ? `${label} · Earshot` : 'Earshot';
    }
  }, [label]);
  const signOut = async (everywhere: boolean) => {
    await api(everywhere ? '/auth/logout-all' : '/auth/logout', { method: 'POST' }).catch(
      () => undefined,
    );
    setCsrf(null);
    navigate(`${BASE}/`);
    location.reload();
  };
  return (
    <div class="shell" onClick={onLink}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <strong class="brand">Earshot</strong>
        <nav aria-label="Pages">
          {links
            .filter((link) => link.show)
            .map((link) => (
              <a
                key={link.to}
                href={`${BASE}/${link.to}`}
                aria-current={path.startsWith(`/${link.to}`) ? 'page' : undefined}
              >
                {link.label}
              </a>
            ))}
        </nav>
        <div class="who">
          <span title={me.role}>
            {me.name} ({me.role})
          </span>
          <button type="button" onClick={() => void signOut(false)}>
            Sign out
          </button>
          <button type="button" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
    </div>
  );
}
