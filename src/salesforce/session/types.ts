import type { Connection as JsforceConnection } from 'jsforce';
import type { Flow } from '../../core/job/connections-schema';

/** A jsforce Connection ready to call the org, with what the tool knows about it. */
export interface AuthorizedConnection {
  /** jsforce 3 Connection: `version` is set, calls go to the instance_url Salesforce returned. */
  connection: JsforceConnection;
  connectionName: string;
  flow: Flow;
  loginUrl: string;
  instanceUrl: string;
  apiVersion: string;
  /** From the identity URL in the token response, when Salesforce returned one. */
  orgId?: string;
  userId?: string;
  /** The user as configured or reported by the Salesforce CLI; testConnection reads the real one. */
  username?: string;
  /** Gets a new access token now (after INVALID_QUERY_LOCATOR, say); the Connection keeps working with it. */
  reauthorize(): Promise<void>;
  /** Secrets this connection holds in memory, for redactSecrets on anything shown to people. */
  secretValues(): string[];
}

/** What an interactive (webServer) sign-in needs from its host: the CLI prints, VS Code opens a browser. */
export interface InteractiveSignIn {
  /** Shows the authorization URL to the person (open a browser, print it). Tests follow it with fetch. */
  openBrowser(url: string): Promise<void>;
  /** How long to wait for the callback; default 5 minutes. */
  timeoutMs?: number;
  /** Overrides the connection's callbackPort (0 picks a free port). */
  port?: number;
  signal?: AbortSignal;
}
