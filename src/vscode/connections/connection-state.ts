import type { ConnectionStatus } from '../../salesforce';

/** Where a connection stands for the editor: the status bar item and the status quick pick say it. */
export type ConnectionState = 'signed in' | 'missing sign-in' | 'expiring' | 'expired';

export function connectionState(status: Pick<ConnectionStatus, 'ready' | 'expiry'>): ConnectionState {
  if (status.expiry.state === 'expired') return 'expired';
  if (!status.ready) return 'missing sign-in';
  if (status.expiry.state === 'warn') return 'expiring';
  return 'signed in';
}

export const STATE_ICONS: Record<ConnectionState, string> = {
  'signed in': '$(pass)',
  'missing sign-in': '$(key)',
  expiring: '$(warning)',
  expired: '$(error)',
};
