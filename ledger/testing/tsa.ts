// A real RFC 3161 timestamp authority for tests: Debian's `openssl ts -reply` behind a local HTTP
// endpoint, with its own root and timestamping certificates made by openssl. Also makes the
// tokens no honest TSA would issue (a signer without the critical timeStamping usage).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { pemCertificates } from '../verify/timestamp.js';

const run = promisify(execFile);

const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = IP Hub Test TSA Root
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[tsa_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[tsa_noncritical]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = timeStamping
[ca]
default_ca = test_ca
[test_ca]
database = ./index.txt
serial = ./ca.serial
new_certs_dir = .
certificate = ./root.crt
private_key = ./root.key
default_md = sha256
policy = any_name
unique_subject = no
[any_name]
commonName = supplied
organizationName = optional
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = ./tsa.serial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
`;

export type TsaSigner = 'valid' | 'expired';

export interface TestPki {
  readonly dir: string;
  /** The root, PEM and DER: what a verifier trusts. */
  readonly rootPem: string;
  readonly rootDer: Uint8Array;
  /** Another root, trusted by nobody who trusts this TSA. */
  readonly otherRootPem: string;
  /** Re-signs a token's TSTInfo with a timestamping certificate whose extended key usage is not critical. */
  resignWithoutCriticalUsage(token: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('no openssl on PATH: bash scripts/install-test-tools.sh installs it', { cause: err });
    throw err;
  }
}

/** Makes a root and three timestamping certificates under it: valid, expired before today, and without the critical usage. */
export async function makeTestPki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'iphub-tsa-'));
  writeFileSync(join(dir, 'openssl.cnf'), CONFIG);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'ca.serial'), '1000\n');
  writeFileSync(join(dir, 'tsa.serial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  // The TSA's root, and another no one trusting the TSA trusts.
  const root = (name: string) =>
    openssl(
      dir,
      'req',
      '-x509',
      '-new',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '3650',
      '-config',
      'openssl.cnf',
      '-extensions',
      'v3_ca',
    );
  await root('root');
  await root('other');
  await openssl(dir, 'req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=IP Hub Test TSA/O=IP Hub tests');
  const sign = (out: string, extensions: string, dates: string[]) =>
    openssl(dir, 'ca', '-batch', '-config', 'openssl.cnf', '-in', 'tsa.csr', '-out', out, '-extensions', extensions, '-notext', ...dates);
  await sign('tsa.crt', 'tsa_ext', ['-days', '365']);
  await sign('tsa-expired.crt', 'tsa_ext', ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z']);
  await sign('tsa-noncritical.crt', 'tsa_noncritical', ['-days', '365']);
  const rootPem = readFileSync(join(dir, 'root.crt'), 'utf8');
  return {
    dir,
    rootPem,
    rootDer: pemCertificates(rootPem)[0]!,
    otherRootPem: readFileSync(join(dir, 'other.crt'), 'utf8'),
    async resignWithoutCriticalUsage(token) {
      writeFileSync(join(dir, 'resign-in.der'), token);
      // The TSTInfo as signed, then signed again by the certificate without the critical usage.
      await openssl(dir, 'cms', '-verify', '-noverify', '-inform', 'DER', '-in', 'resign-in.der', '-out', 'resign-tstinfo.der');
      await openssl(
        dir,
        'cms',
        '-sign',
        '-binary',
        '-nodetach',
        '-nosmimecap',
        '-in',
        'resign-tstinfo.der',
        '-econtent_type',
        '1.2.840.113549.1.9.16.1.4',
        '-signer',
        'tsa-noncritical.crt',
        '-inkey',
        'tsa.key',
        '-md',
        'sha256',
        '-outform',
        'DER',
        '-out',
        'resign-out.der',
      );
      return new Uint8Array(readFileSync(join(dir, 'resign-out.der')));
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestTsa {
  /** POST RFC 3161 requests here. */
  readonly url: string;
  /** Requests answered (with a token or not). */
  readonly requests: number;
  /** Answer 503 to every request while true. */
  down: boolean;
  /** Holds every answer until the function returned is called: a TSA that does not answer. */
  hold(): () => void;
  close(): Promise<void>;
}

/** Serves `openssl ts -reply` on a loopback port, signing with `signer`'s certificate. */
export async function startTestTsa(pki: TestPki, signer: TsaSigner = 'valid'): Promise<TestTsa> {
  const certificate = signer === 'valid' ? 'tsa.crt' : 'tsa-expired.crt';
  // openssl keeps the serial number in a file: one reply at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let n = 0;
  const reply = async (query: Buffer): Promise<Buffer> => {
    const id = `${process.pid}-${++n}`;
    writeFileSync(join(pki.dir, `q${id}.tsq`), query);
    await openssl(
      pki.dir,
      'ts',
      '-reply',
      '-config',
      'openssl.cnf',
      '-queryfile',
      `q${id}.tsq`,
      '-inkey',
      'tsa.key',
      '-signer',
      certificate,
      '-out',
      `r${id}.tsr`,
    );
    return readFileSync(join(pki.dir, `r${id}.tsr`));
  };
  const state = { requests: 0, down: false, held: Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const answer = async () => {
        await state.held;
        if (state.down || req.method !== 'POST') return void res.writeHead(503).end();
        const next = queue.then(() => reply(Buffer.concat(chunks)));
        queue = next.catch(() => undefined);
        const body = await next;
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
      };
      answer().catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    hold() {
      let release = () => {};
      state.held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
