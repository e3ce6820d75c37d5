// `npm run keys -- create --role ROLE [--enterprise ID] [--org NAME] [--rate N] [--cost N]`, `list`, `revoke ID`.
import { parseArgs } from 'node:util';

import { createKey, KeyError } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { isRole, ROLES } from '../platform/identity.js';
import { closeOnSignals, interrupted } from '../platform/process.js';
import { closeStorage, openStorage } from '../platform/storage.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, enterprise: { type: 'string' }, org: { type: 'string' }, rate: { type: 'string' }, cost: { type: 'string' } },
});
const [command, arg] = positionals;
const storage = await openStorage();
const keys = openKeyStore(storage);
const close = closeOnSignals(async () => {
  await keys.close();
  await closeStorage(storage);
}, interrupted);
try {
  if (command === 'create') {
    if (!isRole(values.role)) throw new KeyError(`--role must be one of ${ROLES.join(', ')}`);
    const { id, key } = await createKey(keys, {
      role: values.role,
      enterpriseId: values.enterprise,
      organization: values.org,
      rate: values.rate === undefined ? undefined : Number(values.rate),
      cost: values.cost === undefined ? undefined : Number(values.cost),
    });
    console.log(`created key ${id} (${values.role}); give this to the partner, it is not shown again:\n${key}`);
  } else if (command === 'list') {
    for (const k of await keys.list()) {
      const limits = [k.rate === null ? '' : `rate ${k.rate}`, k.cost === null ? '' : `cost ${k.cost}`].filter((l) => l !== '').join(', ') || 'role limits';
      console.log(
        [k.id, k.role, k.enterpriseId ?? k.organization ?? '-', limits, k.createdAt, k.revokedAt === null ? 'active' : `revoked ${k.revokedAt}`].join('\t'),
      );
    }
  } else if (command === 'revoke' && arg !== undefined) {
    console.log((await keys.revoke(arg, new Date().toISOString())) ? `revoked ${arg}` : `no active key ${arg}`);
  } else {
    throw new KeyError(
      'usage: npm run keys -- create --role ROLE [--enterprise ID] [--org NAME] [--rate POINTS_PER_WINDOW] [--cost MAX_OPERATION_COST] | list | revoke ID',
    );
  }
} catch (err) {
  if (!(err instanceof KeyError)) throw err;
  console.error(err.message);
  process.exitCode = 2;
} finally {
  await close();
}
