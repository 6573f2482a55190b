import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './types.js';

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) {
    throw new Error('useMe outside a signed-in app');
  }
  return me;
}

export function may(me: Me, permission: Me['permissions'][number]): boolean {
  return me.permissions.includes(permission);
}
