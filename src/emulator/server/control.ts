import type { EmulatorContext } from './context';
import type { Exchange } from './exchange';
import { parseFaultSettings } from './faults';

/** Every control path starts with this; no real Salesforce client ever calls it. */
export const CONTROL_PREFIX = '/__emulator';

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(exchange: Exchange): Promise<unknown> {
  const text = await exchange.readBody();
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ControlError(400, 'the request body is not valid JSON');
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ControlError(400, 'expected a JSON object of field values');
}

/**
 * The control endpoint that tests and demos use to steer the emulator:
 *   GET    /__emulator                       status: org id, API usage, requests served, faults, open locators
 *   GET    /__emulator/faults                the current faults
 *   POST   /__emulator/faults                set faults ({rules, delayMs, requestLimitAfter, queryTimeoutDays})
 *   DELETE /__emulator/faults                clear every fault
 *   POST   /__emulator/tokens/expire         end every session now
 *   POST   /__emulator/locators/invalidate   drop every open query locator
 *   POST   /__emulator/usage/reset           start the daily API count again
 *   POST   /__emulator/records/{Object}      insert a record or an array of records
 *   PATCH  /__emulator/records/{Object}/{Id} change fields of one record
 *   DELETE /__emulator/records/{Object}/{Id} delete it (IsDeleted = true: only queryAll sees it)
 */
export async function handleControl(context: EmulatorContext, exchange: Exchange): Promise<void> {
  try {
    await route(context, exchange, exchange.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, ''));
  } catch (error) {
    if (error instanceof ControlError) exchange.sendJson(error.status, { error: error.message });
    else throw error;
  }
}

async function route(context: EmulatorContext, exchange: Exchange, path: string): Promise<void> {
  const method = exchange.method;
  if (path === '' && method === 'GET') {
    exchange.sendJson(200, {
      url: context.baseUrl,
      orgId: context.org.orgId,
      apiUsage: { used: context.usage.count, max: context.usage.max },
      requests: context.requests.count,
      faults: context.faults.current(),
      ruleFirings: context.faults.firings(),
      openLocators: context.locators.size,
    });
    return;
  }
  if (path === '/faults') {
    if (method === 'GET') return exchange.sendJson(200, context.faults.current());
    if (method === 'POST' || method === 'PUT') {
      const parsed = parseFaultSettings(await readJson(exchange));
      if (!parsed.ok) throw new ControlError(400, parsed.message);
      context.faults.set(parsed.settings);
      return exchange.sendJson(200, context.faults.current());
    }
    if (method === 'DELETE') {
      context.faults.clear();
      return exchange.sendJson(200, context.faults.current());
    }
  }
  if (path === '/tokens/expire' && method === 'POST') return exchange.sendJson(200, { expired: context.sessions.expireAll() });
  if (path === '/locators/invalidate' && method === 'POST') return exchange.sendJson(200, { invalidated: context.locators.invalidateAll() });
  if (path === '/usage/reset' && method === 'POST') {
    context.usage.reset();
    return exchange.sendJson(200, { used: context.usage.count, max: context.usage.max });
  }
  const records = /^\/records\/([A-Za-z][A-Za-z0-9_]*)(?:\/([A-Za-z0-9]{15,18}))?$/.exec(path);
  if (records) return changeRecords(context, exchange, records[1], records[2]);
  throw new ControlError(404, `no control endpoint ${method} ${CONTROL_PREFIX}${path}; see docs/emulator.md`);
}

async function changeRecords(context: EmulatorContext, exchange: Exchange, objectName: string, id: string | undefined): Promise<void> {
  const describe = context.org.describe(objectName);
  if (!describe) throw new ControlError(404, `the org has no object ${objectName}`);
  const body = await readJson(exchange);
  if (id === undefined && exchange.method === 'POST') {
    const given = Array.isArray(body) ? body.map(asRecord) : [asRecord(body)];
    const stored = rejectingBadInput(() => context.org.insert(describe.name, given));
    exchange.sendJson(201, { records: stored });
    return;
  }
  if (id !== undefined && exchange.method === 'DELETE') {
    // Salesforce moves a deleted record to the recycle bin: query no longer sees it, queryAll does.
    const deleted = rejectingBadInput(() => context.org.update(describe.name, id, { IsDeleted: true }));
    if (!deleted) throw new ControlError(404, `no ${describe.name} record with Id ${id}`);
    exchange.sendJson(200, { record: deleted });
    return;
  }
  if (id !== undefined && exchange.method === 'PATCH') {
    const changes = asRecord(body);
    const updated = rejectingBadInput(() => context.org.update(describe.name, id, changes));
    if (!updated) throw new ControlError(404, `no ${describe.name} record with Id ${id}`);
    exchange.sendJson(200, { record: updated });
    return;
  }
  throw new ControlError(405, 'insert with POST /__emulator/records/{Object}, update with PATCH and delete with DELETE /__emulator/records/{Object}/{Id}');
}

/** The store refuses unknown fields and bad values with a message; that is the caller's mistake, a 400. */
function rejectingBadInput<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    throw new ControlError(400, error instanceof Error ? error.message : String(error));
  }
}
