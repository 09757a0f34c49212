import { z } from 'zod';
import { apiVersionSchema } from './schema-parts';

/**
 * The connections file (sfjob.connections.json at the workspace root): named Salesforce connections.
 * It never holds a secret; secrets live in VS Code's SecretStorage, environment variables or a 0600
 * credentials file outside the workspace.
 */

/** Hosts that never leave the machine: the only ones a plain-http login URL may name (the local emulator). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A login URL that keeps secrets off the wire: https, or http to this machine only. Over plain http to any
 * other host the client secret, password and tokens would travel readable by anyone on the path.
 */
export function isSafeLoginUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL at all: the url check reports that.
    return true;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export const FLOWS = ['webServer', 'password', 'clientCredentials', 'jwt', 'sfCli'] as const;
export type Flow = (typeof FLOWS)[number];

export const connectionSchema = z
  .strictObject({
    environmentUrl: z
      .url({ protocol: /^https?$/, error: 'environmentUrl is a URL such as "https://acme.my.salesforce.com".' })
      .refine(isSafeLoginUrl, {
        error: 'environmentUrl must start with https:// (secrets are sent to it); plain http:// is allowed only for the local emulator on 127.0.0.1, localhost or [::1].',
      })
      .optional()
      .meta({
        description:
          'Login host: a My Domain URL (https://acme.my.salesforce.com). Default login.salesforce.com, or test.salesforce.com with testEnvironment. Must be https, except http to the local emulator on a loopback address.',
      }),
    testEnvironment: z.boolean().optional().meta({ description: 'A sandbox: log in through test.salesforce.com. Default false.' }),
    clientId: z.string().min(1).optional().meta({ description: "The connected app's consumer key (not a secret)." }),
    flow: z.enum(FLOWS).meta({
      description: 'How the connection authorizes.',
      enumDescriptions: [
        'Authorization code through a browser and a loopback callback (PKCE on by default); keeps a refresh token.',
        'Username, password and security token, with client id and secret.',
        "Client credentials: the connected app's run-as user (My Domain host).",
        'JWT bearer: a certificate-signed assertion (jwtKeyFile).',
        'Reuse an org the Salesforce CLI already authorized (sfCliAlias).',
      ],
    }),
    username: z.string().min(1).optional().meta({ description: 'The integration user (password and jwt flows).' }),
    jwtKeyFile: z.string().min(1).optional().meta({ description: 'jwt: path to the private key (PEM), outside the workspace (a key inside it is refused, as it could be committed).' }),
    sfCliAlias: z.string().min(1).optional().meta({ description: 'sfCli: the Salesforce CLI alias or username of the org.' }),
    pkce: z.boolean().optional().meta({ description: 'webServer: use PKCE (default true); turn off for connected apps that reject it.' }),
    callbackPort: z.int().min(1024).max(65535).optional().meta({ description: 'webServer: the loopback port of the callback (default 1717).' }),
    apiVersion: apiVersionSchema.optional(),
    expiration: z
      .strictObject({
        date: z.iso.date({ error: 'expiration.date is a date "YYYY-MM-DD".' }).meta({ description: 'When the credential expires.' }),
        notifyDaysBefore: z.int().min(1).max(100).optional().meta({ description: 'Warn this many days before (1–100, default 14).' }),
      })
      .optional()
      .meta({ description: 'When the credential expires, and how early to warn.' }),
  })
  .meta({ description: 'A Salesforce connection.' });

export const connectionsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    connections: z
      .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'A connection name uses letters, digits, "_", "." and "-".' }), connectionSchema)
      .meta({ description: 'Connections by name; a job names one in its `connection` key.' }),
  })
  .meta({ title: 'sfjob connections', description: 'Named Salesforce connections (sfjob.connections.json). No secrets.' });

export type Connection = z.output<typeof connectionSchema>;
export type ConnectionsFile = z.output<typeof connectionsFileSchema>;

/** The name of a connection as it appears in environment variables: upper case, other characters as "_". */
export function envNameOf(connectionName: string): string {
  return connectionName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
