import { useEffect, useState } from 'preact/hooks';

export const BASE = '/app';

export function navigate(to: string): void {
  if (location.pathname + location.search !== to) {
    history.pushState(null, '', to);
  }
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path below /app ("/inbox/abc"), re-rendered on navigation. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return path.startsWith(BASE) ? path.slice(BASE.length) || '/' : path;
}

/** Plain clicks on in-app links move without a reload; modified clicks keep the browser's way. */
export function onLink(event: MouseEvent): void {
  const anchor = (event.target as HTMLElement).closest('a');
  if (
    !anchor ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    anchor.target ||
    anchor.hasAttribute('download') ||
    !anchor.pathname.startsWith(`${BASE}/`)
  ) {
    return;
  }
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
