import { z } from 'zod';
import { apiVersionSchema } from './schema-parts';

/**
 * The connections file (sfjob.connections.json at the workspace root): named Salesforce connections.
 * It never holds a secret; secrets live in VS Code's SecretStorage, environment variables or a 0600
 * credentials file outside the workspace.
 */

export const FLOWS = ['webServer', 'password', 'clientCredentials', 'jwt', 'sfCli'] as const;
export type Flow = (typeof FLOWS)[number];

export const connectionSchema = z
  .strictObject({
    environmentUrl: z
      .url({ protocol: /^https?$/, error: 'environmentUrl is a URL such as "https://acme.my.salesforce.com".' })
      .optional()
      .meta({
        description: 'Login host: a My Domain URL (https://acme.my.salesforce.com). Default login.salesforce.com, or test.salesforce.com with testEnvironment.',
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
    jwtKeyFile: z.string().min(1).optional().meta({ description: 'jwt: path to the private key (PEM), outside the workspace or git-ignored.' }),
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
