import { createHmac } from 'node:crypto';
import { identityUrl, type EmulatorContext } from '../context';
import type { Session } from '../sessions';

/** The token endpoint's success body, with exactly the fields Salesforce sends, in its order. */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

export function tokenResponse(context: EmulatorContext, session: Session, refreshToken?: string): TokenResponse {
  const id = identityUrl(context, session.userId);
  const issuedAt = String(session.issuedAt);
  // Salesforce signs id + issued_at with the consumer secret so a client can tell the answer is genuine.
  const signature = createHmac('sha256', context.config.clientSecret).update(id + issuedAt).digest('base64');
  return {
    access_token: session.accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature,
    scope: session.scope,
    instance_url: context.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}
