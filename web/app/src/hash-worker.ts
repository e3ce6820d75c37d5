// Hashes files off the page's thread: SHA-256 over the file's bytes as they stream from disk,
// reporting progress. The file never leaves the browser; only its digest does.
import { fileDigest } from '../../file-digest';

export interface HashRequest {
  readonly id: number;
  readonly file: File;
}

export type HashReply =
  | { readonly id: number; readonly kind: 'progress'; readonly bytes: number }
  | { readonly id: number; readonly kind: 'done'; readonly digest: string }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

const post = (reply: HashReply) => postMessage(reply);
const PROGRESS_EVERY = 4 << 20;

onmessage = async (event: MessageEvent<HashRequest>) => {
  const { id, file } = event.data;
  let reported = 0;
  try {
    const digest = await fileDigest(file, (bytes) => {
      if (bytes - reported < PROGRESS_EVERY) return;
      reported = bytes;
      post({ id, kind: 'progress', bytes });
    });
    post({ id, kind: 'done', digest });
  } catch (err) {
    post({ id, kind: 'failed', message: (err as Error).message });
  }
};
