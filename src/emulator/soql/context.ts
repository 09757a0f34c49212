import type { FieldDescribe, SObjectDescribe } from '../../core/describe';
import { to18 } from '../org/ids';
import type { OrgStore, SRecord } from '../org/types';

/**
 * What query execution needs from the org beyond OrgStore: records by id and children by parent id. Indexes
 * are built once per store and rebuilt only when the store reports a new write version.
 */
export interface OrgAccess {
  store: OrgStore;
  describe(objectName: string): SObjectDescribe | undefined;
  recordById(objectName: string, id: string): SRecord | undefined;
  /** Rows of `childObject` grouped by the value of their reference `field`. */
  childrenByParent(childObject: string, field: string): Map<string, SRecord[]>;
}

interface VersionedStore extends OrgStore {
  readonly version?: number;
  byId?(objectName: string, id: string): SRecord | undefined;
}

interface Indexes {
  version: number | undefined;
  byId: Map<string, Map<string, SRecord>>;
  children: Map<string, Map<string, SRecord[]>>;
}

const indexCache = new WeakMap<OrgStore, Indexes>();

function indexesOf(store: VersionedStore): Indexes {
  const cached = indexCache.get(store);
  // A store without a version cannot say when it changed, so its indexes last for one query only.
  if (cached && store.version !== undefined && cached.version === store.version) return cached;
  const fresh: Indexes = { version: store.version, byId: new Map(), children: new Map() };
  indexCache.set(store, fresh);
  return fresh;
}

export function orgAccess(store: OrgStore): OrgAccess {
  const versioned = store as VersionedStore;
  const indexes = indexesOf(versioned);
  return {
    store,
    describe: (name) => store.describe(name),
    recordById(objectName, id) {
      if (typeof id !== 'string' || id.length === 0) return undefined;
      if (typeof versioned.byId === 'function') return versioned.byId(objectName, id);
      const key = objectName.toLowerCase();
      let map = indexes.byId.get(key);
      if (!map) {
        map = new Map(store.rows(objectName).map((r) => [String(r.Id), r]));
        indexes.byId.set(key, map);
      }
      return map.get(to18(id));
    },
    childrenByParent(childObject, field) {
      const key = `${childObject.toLowerCase()}.${field.toLowerCase()}`;
      let map = indexes.children.get(key);
      if (!map) {
        map = new Map();
        for (const row of store.rows(childObject)) {
          const parent = row[field];
          if (typeof parent !== 'string') continue;
          const list = map.get(parent);
          if (list) list.push(row);
          else map.set(parent, [row]);
        }
        indexes.children.set(key, map);
      }
      return map;
    },
  };
}

export function fieldOf(object: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}
