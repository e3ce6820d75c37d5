// The iphub command line: `iphub verify ...` and `iphub audit`.
import { parseArgs } from 'node:util';

import { audit } from '../cli/audit.js';
import { verify } from '../cli/verify.js';

const USAGE = `usage:
  iphub verify --file F [--certificate C] [--hub URL] [--trusted-key VKEY ...]
               [--witness-key VKEY ... --min-witnesses N] [--tsa-root PEM ... [--tsa-policy OID ...]]
      hashes F, checks its deposit certificate offline (from C: the certificate's PDF, its
      JSON or its .tlog-proof; or fetched from the hub),
      and, with --hub, that the hub's log still extends the certificate's checkpoint;
      with --min-witnesses, that N of the given witnesses cosigned that checkpoint;
      with --tsa-root, that its RFC 3161 trusted time verifies against those TSA roots.
      Trusted keys also come from IPHUB_TRUSTED_KEY. Exits 0 only when every check passes.
  iphub audit
      re-walks the whole ledger in IPHUB_DATA_DIR (./data) or IPHUB_MONGODB_URL.`;

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'verify') {
    const { values } = parseArgs({
      args: rest,
      options: {
        file: { type: 'string' },
        certificate: { type: 'string' },
        hub: { type: 'string' },
        'trusted-key': { type: 'string', multiple: true },
        'witness-key': { type: 'string', multiple: true },
        'min-witnesses': { type: 'string' },
        'tsa-root': { type: 'string', multiple: true },
        'tsa-policy': { type: 'string', multiple: true },
      },
    });
    if (values.file === undefined) throw new Error('give --file <the file to check>');
    const trustedKeys = [...(values['trusted-key'] ?? []), ...(process.env.IPHUB_TRUSTED_KEY ? [process.env.IPHUB_TRUSTED_KEY] : [])];
    const minWitnesses = Number(values['min-witnesses'] ?? 0);
    if (!Number.isInteger(minWitnesses) || minWitnesses < 0) throw new Error('--min-witnesses is a whole number');
    const result = await verify({
      file: values.file,
      certificate: values.certificate,
      hub: values.hub,
      trustedKeys,
      witnessKeys: values['witness-key'] ?? [],
      minWitnesses,
      tsaRoots: values['tsa-root'] ?? [],
      tsaPolicies: values['tsa-policy'] ?? [],
    });
    console.log(`file SHA-256 ${result.digest}`);
    for (const c of result.checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
    for (const note of result.notes) console.log(`NOTE  ${note}`);
    console.log(result.ok ? 'VERIFIED: every check passed' : 'NOT VERIFIED');
    process.exitCode = result.ok ? 0 : 1;
  } else if (command === 'audit') {
    const width = 40;
    const report = await audit((done, total) => {
      const filled = total === 0 ? width : Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    });
    process.stderr.write('\n');
    console.log(
      report.ok ? `AUDIT OK: ${report.size} entries, chain, tree and checkpoints check out` : `AUDIT FAILED at entry ${report.firstBadSeq}: ${report.problem}`,
    );
    process.exitCode = report.ok ? 0 : 1;
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`iphub: ${(err as Error).message}`);
  process.exitCode = 2;
}
